"""The hostile texts every channel's tests send, after a first message that starts a profile."""

PROFILE = "We're a 12-person dental practice in Worcester, MA, worried about ransomware"
LOCATION = "Worcester, MA"  # what PROFILE sets, and what no hostile text may erase

TEXTS = {
    "empty": "",
    "whitespace only": " \n\t  ",
    "16,000 characters (the most the widget sends)": ("outsourcing " * 1400)[:16000],
    "right-to-left and control characters": "\u202eolleh\u202c \u2066مرحبا\u2069 \x1b\x07\x08",
    "html and script": "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "sql-like": "'; DROP TABLE events; -- \" OR 1=1",
    "null bytes": "hello\x00\x00 there",
    "emoji and combining marks": "👩‍💻☕ c\u0327a va? \u0301",
    "negative head-count": "we have -40 employees",
    "absurd head-count": "we have 99999999999999999999999 employees",
    "slash syntax with bad json": '/inform{"employees": ',
}
