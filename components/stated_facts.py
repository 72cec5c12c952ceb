"""The intent of a message that states facts about the company, or asks "what if".

An owner's first message often opens with a greeting and a role before the facts ("Good evening. I
oversee operations for a group of eleven hotels in Dubai, roughly 1,500 colleagues"); the intent classifier, having
learned the facts mostly from plain statements, may call such a message out of scope, chitchat or
unclear, and the bot would then answer "that's outside what I can help with" to a company that just
described itself. After the intent classifier (and the FallbackClassifier), this component looks at what the message
states and re-labels it:
- a statement (not a question) whose facts are plain, as found by the entity extractors and the slot
  readers (a head-count, or two facts besides a trade, or one fact said of "we" / "our" / "I run ..."),
  is `inform`;
- a message that opens as a hypothetical about the company ("what if we were ...", "suppose we moved
  ...", "say we doubled ...") is `what_if`, unless it is already that;
- "start over", which forgets everything, only when the message says so in some way (start, again,
  reset, forget, scratch, ...): otherwise a statement of facts, or not understood;
- a statement of facts that takes back an earlier answer ("actually ...", "sorry, I meant ...", "I said
  hands off but ...") is `correct`: the classifier, which sees few corrections, calls many of them `inform`; and
  the other way round, a "correction" that takes nothing back in any way ("we dont need any control, we
  just pay for the service") is `inform`: the classifier calls many answers with a negation corrections;
- a reply that says the owner does not know, or leaves the choice to the bot, is `dont_know`, also when
  the classifier took it for an FAQ ("hmm dunno, what do other companies usually want?");
- a short reply the classifier was unsure of (`nlu_fallback`) that names a fact and asks nothing is `inform`;
- a question about an FAQ topic that supposes nothing and asks no why ("and what does it cost?"), which the
  classifier took for a what-if or a why, is `faq`; so is a "what if" about a risk that names no fact of the company
  ("what if we lose all our files?"); and, before the advice, a company told with "is that outsourcing or offshoring?"
  at its end, whatever the classifier made of it (the FAQ answer, then the questions with its facts);
- after the advice, while no question waits, a short why-question that opens the message ("Why a local company?
  A friend offered theirs.", "why not just hire an agency abroad?") is `ask_why`, whatever facts the sentences after it
  name.
The intent the classifier gave is kept in the ranking, and the parse says which rule moved it (`relabelled`).
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import (ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY,
                                      PREDICTED_CONFIDENCE_KEY, TEXT)
from rasa.shared.nlu.training_data.message import Message

from advisor.headcount import headcounts_in, people_counted, relative_size
from advisor.places import negated_countries
from understanding.hedges import ASKS_FOR_ADVICE, LEANS, UNSURE, only_unsure
from understanding.questions import ABOUT_OPTIONS, CLARIFYING, QUESTION, SAID_OF_US, SENTENCE_START
from understanding.readings import GUESS, SURE, UNSURE_READ, told_readings

PROFILE_FORM = "profile_form"
# What a misread company description is usually taken for; an FAQ or a request is left alone.
MISREAD_AS = frozenset({"out_of_scope", "nlu_fallback", "chitchat", "greet", "bot_challenge", "start_over"})
FACT_ENTITIES = frozenset({"headcount", "location", "function", "goal", "control", "proximity", "industry"})
# A hypothetical about the company ("what if we were ...", "say we opened ..."), not about an event
# ("what if we lose our files?" is a question about disaster recovery).
_SUPPOSED = (r"were|was|wasn't|had|grew|doubled|halved|shrank|moved|opened|went|wanted|needed|cared|chose|picked|"
             r"kept|became|become|started|hired|employed|ran|built|set up|took over|are|we're|we’re|they're|i'm|"
             r"want|need|only|just|prefer|don't|didn't|dont|didnt|weren'?t|wasnt|care")
_SUPPOSED_PAST = r"were|was|had|grew|doubled|halved|shrank|moved|opened|wanted|needed|became|hired|employed|ran|built"
# ... and, said of "we" only ("suppose we gave it to a firm in Manila"; "what if the vendor used our data?" is
# a question about an event):
_WE_DID = (r"gave|handed|outsourced|offshored|used|paid|let|sent|partnered|contracted|switched|relocated|added|tried|"
           r"set|put|took|forgot|dropped|brought|cut")  # not "lost", "got": "what if we got hacked?" is an event
# Words that ask a question of their own inside a message ("... how long does onboarding take?")
_ASKING = (r"how|what|when|who|which|where|why|is|are|am|does|do|did|can|could|will|would|should|shall|has|have|"
           r"don'?t|doesn'?t|won'?t|isn'?t|aren'?t")
# ... of which a verb after its subject asks nothing ("... and by then we are 2,000 people?", "... because we don't
# know support operation well?")
_STATED_AFTER = r"(?<!\bwe )(?<!\bi )(?<!\bthey )(?<!\bit )(?<!\bthat )(?<!\bthere )"
_AUXILIARIES = frozenset(_ASKING.split("|")) - {"how", "what", "when", "who", "which", "where", "why"}
# Up to a question mark, no word that asks a question of its own ("... how long does onboarding take?"); after it, only
# statements ("And if we open our own center in Colombia, ... 2,000 people? Time zone is no problem."); the lookahead is
# left open for another way of asking the whole
_NO_QUESTION_OF_ITS_OWN = (
    r"(?=(?:(?!(?<![-'’])\b(?:how|what|when|who|which|where|why)\b(?!-|['’](?:t|ve)\b)"
    rf"|(?<![-'’]){_STATED_AFTER}\b(?:{'|'.join(sorted(_AUXILIARIES))})\b(?!-|['’](?:t|ve)\b))[^?])*\?"
    r"(?:(?!\b(?:how|what|when|who|which|where|why)\b)[^?])*$")
_OPENING = (r"^\W*(?:(?:and|n|an|but|so|ok(?:ay)?|k|kk|just|out of (?:curiosity|interest)|for fun|hypothetically|also|"
            # "Devil's advocate: if we did it with a partner ...?"
            r"(?:(?:just\s+)?(?:to\s+)?play(?:ing)?\s+)?devil['’]?s advocate|for argument['’]?s sake|"
            r"for the sake of argument|"
            # "Just to dream a bit — if we were a 1,500-person firm ...?"
            r"(?:just\s+)?(?:to\s+)?(?:day)?dream(?:ing)?(?:\s+a\s+(?:bit|little))?|in theory|theoretically|"
            # "And later, if we're 2,000 people ...?", "ok n if we were like 1500 ppl ...?" ("and" typed short)
            r"lol|haha|"
            r"hmm+|right|well|later|later on|then|eventually|one day|some ?day|in (?:the )?future|next year)\W+)*")
# Politeness or curiosity before a supposition said outright or of a set-up: "please what if it was only our accra
# office ...", "Just curious, if we set up our own security team in Manila ...?"; not before a bare condition ("please
# if you need more details let me know", "just curious if we're too small", "Quick question, if we want to keep
# control do we need our own team?"). Taken off before the rules below read the message.
POLITE_LEAD = re.compile(r"^\W*(?:just\s+)?(?:please|pls|plz|curious|quick question|one more (?:question|thing))\W+"
                         r"(?=wh?at if\b|suppose\b|supposing\b|imagine\b|if\s+we\s+(?:set up|set|open|opened|build|"
                         r"built|hire|hired|grow|grew|double|doubled|merge|merged|partner\w*|outsourc\w*|offshor\w*)\b)",
                         re.I)
# A lead-in of up to four words before an explicit supposition: "Out of interest, what if", "One more thing — suppose"
# (not before a bare "if": "Small bakery in Leeds, if we need help we call my nephew" supposes nothing).
_LEAD_IN = r"(?:(?:[A-Za-z']+\s+){0,3}[A-Za-z']+\s*(?:,|:|;|\s[-–—])\s*)?"
_WHAT_IF = r"(?:wh?at if|(?:what|how) about if|suppose|supposing|imagine)"
HYPOTHETICAL = re.compile(
    _OPENING +
    # "suppose our Hamburg offices also needed ..."; a bare "if" starts conditions too ("if the office floods
    # we need ..."): nearer the verb.
    rf"(?:(?:{_LEAD_IN}{_WHAT_IF}|say)\s+(?:[\w'-]+\s+){{0,4}}?(?:{_SUPPOSED})"
    # ("Suppose data protection becomes the partner's job": a state supposed; "what if the vendor becomes unreliable?"
    # asks about a risk)
    rf"|{_LEAD_IN}suppos(?:e|ing)\s+(?:[\w'-]+\s+){{0,4}}?becomes\b"
    # ("Out of curiosity mate, say we were a big outfit, ...": a lead-in before "say" too, once what it supposes is
    # past and the lead-in is no greeting; not "Good morning, say we need IT help for 25 people", "Hi there, say we had
    # 40 people in Leeds and need IT support", ways to begin)
    rf"|(?!(?:hi|hello|hey|hiya|howdy|morning|good|dear|greetings|g'?day)\b){_LEAD_IN}say\s+(?:we|i|our\s+\w+)\s+"
    rf"(?:{_SUPPOSED_PAST})"
    rf"|(?:{_LEAD_IN}{_WHAT_IF}|say)\s+(?:we|i)\s+(?:\w+\s+)?(?:{_WE_DID})"
    rf"|if\s+(?:[\w'-]+\s+){{0,3}}?(?:{_SUPPOSED}|added|took on)"
    # "but if we make it with a partner factory there, ... then?": a set-up we would choose, asked about as a whole;
    # not the condition of a question after it ("if we outsource do we lose control?", "if we go with a provider in
    # Manila, how long does onboarding take?"), nor a statement ("if we outsource, we want to keep control")
    # ("if we grow to 1200 people ... and open our own studio in Vietnam, time zone not matter?")
    # ("If we decide to open our own call centre in another country, ..., and time zone not matter?": the set-up
    # chosen in so many words)
    rf"|if\s+we\s+(?:(?:decide|decided|choose|chose|opt|opted|plan|planned)\s+to\s+)?"
    rf"(?:{_WE_DID}|did|make|made|partner\w*|produce\w*|build|built|open|outsource\w*|offshore\w*|grow|"
    rf"double|expand|merge|scale|hire|use|give|hand|move|keep|switch|pay|run|choose|pick|bring|contract|relocate)\b"
    # (the "how" of "know-how" asks nothing, nor the "can" of "can't"; the "what" of "what's" does)
    rf"{_NO_QUESTION_OF_ITS_OWN}"
    # ... or asks "then how?" of it, whatever follows ("if one day we become 2000 staff ..., then how? time zone no
    # issue")
    r"|[^?]*\b(?:then\s+(?:how|what)|(?:how|what)\s+then)\W*\?))\b"
    # "hypothetically: 3x the people, ..."; not "hypothetically, is offshoring cheaper?"
    r"|^\W*hypothetically\W+(?=\w)"
    r"(?!(?:is|are|does|do|can|could|would|will|should|how|why|who|when|what|which|where)\b)", re.I)
# After the advice, "If my company is big, 1,200 people, and ...?": the company supposed another size, asked about as a
# whole (before it, "if our company is small, 12 people in Leeds" describes it; "if our firm is small we call a local
# firm" is a condition, "if our company is small, is outsourcing better?" a question, "if it is not big" no size).
SIZE_SUPPOSED = re.compile(
    _OPENING + r"if\s+(?:my|our|the)\s+(?:company|business|firm|group|organi[sz]ation)\s+(?:is|was|gets|got|grows|grew|"
    r"becomes)\s+(?!not\b)(?:\w+\s+){0,2}?(?:big|bigger|large|larger|huge|small|smaller|tiny)\b"
    rf"(?=(?:(?!(?<![-'’])\b(?:{_ASKING})\b(?!-|['’](?:t|ve)\b))[^?])*\?\W*$)", re.I)
# "what if the time difference is no problem and we run our own centre there": a hypothetical once it names
# a fact of the company; "what if our server is hacked?" is a question about an event.
SUPPOSED_STATE = re.compile(_OPENING + r"(?:wh?at if|suppose|supposing|imagine)\s+(?:(?:[\w'-]+\s+){0,4}?"
                            r"(?:is|isn't|could|would|had to)\b|"  # "what if the helpdesk could be remote"
                            # "what if a local firm took it off our hands and could pop round?": what it supposes
                            # is a set-up, once it names one
                            r"(?:an?|some|the)\s+(?:\w+\s+)?(?:firm|company|provider|partner|vendor|team|agency)\b)",
                            re.I)
# Any supposition that names a fact of the company, whatever its verb ("what if theres 700 of us", "what if we
# owned the centre outright", "whatif we'd grown to 90 staff"), unless it is about an event (EVENT); of goals
# only once it says that they change ("what if the 24/7 thing stopped mattering").
SUPPOSING = re.compile(_OPENING + _LEAD_IN + r"(?:wh?at ?if|(?:what|how) about if|suppose|supposing|imagine|"
                                              r"hypothetically|(?:(?:an?\s+)?(?:alternative|another|other|different|"
                                              r"hypothetical)\s+)?scenario\s*[:.–—-]|"
                                              # "Alternative. One business unit only, ..."
                                              r"(?:an?\s+)?alternative\s*(?::|\.|\s[–—-])|"
                                              r"picture (?:this|it|us)\b)", re.I)
GOALS_CHANGING = re.compile(r"\b(?:matter\w*|care\w*|caring|concern\w*|priorit\w*|focus\w*|about|only|just|purely|"
                            r"mainly|mostly|instead|dropp?\w*|add\w*|list|forget|forgot|stopped|aside|no object|tight|"
                            r"became|become|scrap\w*|shelv\w*|abandon\w*|on hold|"
                            r"(?:didn'?t|don'?t|no longer|not to|not) need)\b", re.I)
# "And if they only helped by phone, in our hours?": a follow-up that supposes, once it names a fact of the company.
# ("y si they came to our office sometimes ...?": "and if" in the owner's first language)
# (typed by voice, with no question mark: "and if the board decide to open our own development center in Portugal ...
# then"; "OK, and if ...?")
AND_IF = re.compile(r"^\W*(?:(?:(?:and|but|so|ok(?:ay)?)\W+)+(?:(?:what|how) about\s+)?if|y\s+si|et\s+si|e\s+se|"
                    r"und\s+wenn)\b"
                    # (not "so if I understand")
                    r"(?!\s+(?:so|i understand|i'?m|i am|i get)\b)[^?]*(?:\?|\bthen)\W*$", re.I)
# "would it be different with 10k employees?", "what then?": a hypothetical once it names a fact.
WOULD_DIFFER = re.compile(r"\b(?:would|does|will|could|is)\s+(?:it|that|this|anything|"
                          r"the (?:advice|answer|recommendation))\s+(?:be\s+)?(?:any\s+)?(?:different|differ|change)\b"
                          r"|\b(?:what|then what|what would you (?:say|recommend|suggest)) then\W*$|\bthen what\W*$"
                          r"|\bstill (?:the )?same(?: (?:answer|advice|recommendation))?\W*$",  # "..., still same?"
                          re.I)
# "If the client buys the bakery in Shediac, they'd be about 60 people. Same advice?": a change supposed with "if" first
# (not "Wait - I said 40 ... it's more like 55 now. Same answer?", a correction)
SAME_ADVICE_ASKED = re.compile(r"\bsame (?:answer|advice|recommendation)\W*\?\W*$", re.I)
WISH_SAID = re.compile(r"\b(?:i|we)\s+(?:really\s+|only\s+|just\s+)?(?:want|need|care about)\b", re.I)
IF_SAME_ADVICE = re.compile(r"^\W*if\b.*\b(?:the )?same (?:answer|advice|recommendation)\W*\?\W*$", re.I | re.S)
# "and how about in Leeds?", "what about 500 people?": once it names a size or a place; "what about time zones?"
# asks about a topic.
# ... and a follow-up that only names what differs: "and Jamaica?", "and for a firm twice our size?"
WHAT_ABOUT = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|right|alright)\W+)?(?:and\s+)?(?:how|what) about\b"
                        # (a question, not a statement of our own: "and we have 120 staff now, sorry" corrects;
                        # "Ok and for a company a quarter our size, say 450, ...?")
                        r"|^\W*(?:(?:ok(?:ay)?|so|right|alright)\W+)?and\s+(?:(?:for|in|with|to|at)\s+)?(?!why\b|how\b)"
                        r"(?![^?]*\b(?:we(?:'re|’re| are| have|'ve| were)|i(?:'m| am| have))\b)\w[^?]*\?", re.I)
# The company described as it is now ("I have a small travel agency in Riyadh, only three of us"), with none of
# the words a hypothetical or a change to come needs ("assuming we have 300 staff", "we'll be 500 next year").
AS_IT_IS = re.compile(r"\b(?:i have|i've got|i own|i run|we have|we've got|we got|we are|we're|of us)\b", re.I)
SUPPOSES = re.compile(r"\b(?:\w*if|suppos\w*|imagin\w*|hypothetical\w*|assum\w*|pretend\w*|say|would|were|could|"
                      r"scenario|picture|instead|then|what about|how about|will|\w+'ll|going to|next|soon|later|now|"
                      r"grow\w*|become|becoming)\b", re.I)
# A head-count told otherwise: "1200 not 120", "not 120, 1200", "missed a zero"
NUMBER_RETOLD = re.compile(r"\d[\d,.]*\s*k?\s*,?\s*(?:not|instead of|rather than)\s+\d|"
                           r"\bnot\s+\d[\d,.]*\s*k?\s*[,;:-]+\s*(?:it'?s\s+|we'?re\s+)?\d|"
                           r"\b(?:missed|missing|dropped|forgot) (?:a|one|the) (?:zero|0|digit)\b|"
                           r"\ba (?:zero|digit) (?:was |is )?missing\b|\ban extra (?:zero|0|digit)\b", re.I)
# A time to come: "we open the second clinic next year, so maybe 60 people?" asks about a future, after the advice.
FUTURE = re.compile(r"\b(?:next (?:year|month|quarter|spring|summer|autumn|fall|winter)|"
                    r"in (?:a|one|two|three|four|five|six|seven|eight|nine|ten|a few|\d+) (?:years?|months?)|"
                    r"(?:we'll|we will|we're going to|we are going to|gonna) "
                    r"(?:be|grow|have|hire|open|double|reach|add|take on|expand)|"
                    # "We're thinking of buying a smaller practice in Paarl. Then we'd be about thirty. Same answer?"
                    r"(?:we['’]?d|we would) (?:then )?(?:be|grow to|have|reach|number))\b", re.I)
# A question of the message's own after what it supposes: "Let's say we do it. How long does it take?", "Lets say the
# provider goes bankrupt, what happens?"
ASKED_AFTER = re.compile(r"(?:^|[.!?,;:]\s*)(?:how|what|when|who|where|which|is|are|can|could|will|do|does)\b[^.!?]*\?\W*$",
                         re.I)
LETS_SAY = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|right|alright|hmm+|well)\W+)*let['’]?s say\s+"
                      r"(?:we|i|the|our|my)\b", re.I)
INSTEAD = re.compile(r"\binstead\b|\brather than\b", re.I)
# A short question whether the advice still holds: "Same answer?", "Still?", "Would that change it?", "Then?"
STILL_SO = re.compile(r"\b(?:same|still|change\w*|differ\w*|then)\b", re.I)
# "..., would you say the same?", "..., would you still say share it with a partner?"
ADVICE_AGAIN = re.compile(r"\bwould you (?:still (?:say|recommend|suggest|advise)|(?:say|recommend|suggest|advise) "
                          r"(?:the )?same)\b", re.I)
IF_FIRST = re.compile(r"^\W*(?:(?:and|but|so|ok(?:ay)?)\W+)?if\s+we\b", re.I)
GOING_AHEAD = re.compile(r"\bwhy not\s+(?:just\s+)?(?:go for it|do it|give it a (?:go|try|shot)|try it|start)\b", re.I)
INSTEAD_ASKED = re.compile(r"\binstead\W*\?\W*$", re.I)  # "fully remote instead?"
# A reply that opens with a no ("no, ...", "not share.", "hmm no, ..."), as a correction does.
NO_FIRST = re.compile(r"^\W*(?:(?:hmm+|oh|ah|well|erm?|ok(?:ay)?)\W+)?(?:no|not|nope|nah)\b", re.I)
HEDGED_NO = re.compile(r"^\W*(?:(?:hmm+|oh|ah|well|erm?|ok(?:ay)?)\W+)?(?:not (?:sure|really|bothered|fussed)|"
                       r"no (?:idea|preference|need|problem|worries|clue|matter|strong)|"
                       r"nah,? (?:not|no) (?:really|bothered))\b", re.I)
CHOICES = frozenset({"function", "control", "proximity"})
# A clause that says when a mishap would come, not what is asked about: "when there is a problem", "in case of fire".
MISHAP_WHEN = re.compile(r"\b(?:when(?:ever)?|in case(?: of)?)\b[^,?]*", re.I)
# What happens to a company rather than what it would be: "what if the provider goes out of business?", "what if the
# team abroad misunderstands us?" are questions about a risk.
EVENT = re.compile(r"\b(?:goes|go|went|gone|going)\s+(?:bust|under|out of business|down|wrong|dark)\b|"
                   r"\b(?:misunderstand\w*|leak\w*|fail\w*|quit\w*|breach\w*|hack\w*|steal\w*|stole|lose|loses|"
                   r"flood\w*|fire|power cut|outage\w*|crash\w*|too slow|slow|late|delay\w*|"
                   # "far is not a problem", "won't be an issue", "isn’t really a problem": none
                   + "".join(rf"(?<!\b{no} )" for no in (
                       "not", "isn't", "isn’t", "isnt", "not really", "isn't really", "isn’t really", "isnt really",
                       "never", "no longer", "not much of", "won't be", "won’t be", "wont be", "wouldn't be",
                       "wouldn’t be", "wouldnt be", "shouldn't be", "shouldn’t be", "shouldnt be"))
                   + r"(?:a problem|an issue)|"
                   r"strike\w*)\b", re.I)
# "what if security is a concern, how do providers handle it?": a question of its own after the supposition
ASKS_AFTER = re.compile(r"[,;:]\s*(?:so\s+)?(?:how|what|why|which|who|can|could|do|does|is|are|would|will)\b[^.]*\?",
                        re.I)
READ_KINDS = ("goals", "function", "control", "proximity")
# The profile form's questions and the kinds of fact that answer each.
ANSWERED_BY = {"employees": {"headcount"}, "location": {"location", "place"}, "goals": {"goal", "goals"},
               "more_goals": {"goal", "goals"}, "function": {"function"}, "control": {"control"},
               "proximity": {"proximity"}}
# What the classifier takes many answers to a question for ("cheaper. that's it really", "fiveteen", "Nottingam",
# "cheaper, that's all really" for a goodbye); a request to start over has a rule of its own (RESTARTING).
ANSWERED_FROM = (MISREAD_AS - {"start_over"}) | {"faq", "goodbye", "thank"}
# A question put as a statement while a question is pending: "tell me about the costs first", "explain hybrid".
ASKS_INSTEAD = re.compile(r"\b(?:tell me|explain\w*|wonder\w*|curious|(?:like|want|need) to know|compare|pros|cons|"
                          r"vs|versus|(?:costs?|risks?|prices?|benefits?|downsides?|pitfalls?) of)\b", re.I)
# A yes said as a yes: "yes, 50 of us" to an offer stays an affirm; "1.5k" the classifier took for one does not.
AFFIRMING = re.compile(r"\b(yes|yeah|yep|yup|sure|ok(?:ay)?|please|definitely|of course|sounds good)\b", re.I)
# What a request to start over says one way or another; a message without any of it is no such request,
# whatever the classifier made of it ("dont want to look behind").
RESTARTING = re.compile(r"\b(start\w*|begin\w*|restart\w*|reset\w*|scratch|fresh|forget|clear|wipe|erase|redo|"
                        r"scrap|ditch|again|over|top|slate|new (conversation|chat)|throw)\b", re.I)
# Further signs of a correction, anywhere in it: "we moved last year actually", "one correction: ...", "let me
# update that", "I wrote two hundred by accident", "Hamburg, not Frankfurt", "its 40 not 400", "change that to
# 40", "should be 40", "no, the servers".
CORRECTION_SIGNS = re.compile(
    r"\b(?:actually|correction|update|i wrote|by accident|by mistake|mistake|wrong|(?:change|make) (?:that|it)|"
    r"should (?:be|say|read)|now,? not|"
    r"not\s+\w+(?:\s+\w+)?\s*(?:,|-|–|—)?\s*(?:but\s+)?(?:it'?s|we'?re|the|our|just))\b"
    r"|,\s*not\b|\bnot\s+[\w,.]+(?:\s+[\w,.]+)?\W*$|^\W*(?:(?:ah|oh|oops|hmm+|erm?)\W+)?no\b|"
    r"\bisn'?t (?:really )?the point\b", re.I)
# A correction announced in so many words, which a question about what it changes does not make a what-if.
_I_MUST_CORRECT = r"i (?:must|need to|have to|should|want to|would like to|'d like to) correct"
CORRECTION_SAID = re.compile(rf"\b(?:correction|{_I_MUST_CORRECT}|my (?:mistake|bad)|i made a mistake|"
                             rf"i (?:was|got (?:it|that)) wrong)\b", re.I)
# ... of which the owner's own word that they correct: not "our bookkeeper makes a correction of the VAT returns", nor
# "my bad, I meant to ask: is offshoring cheaper?"
I_CORRECT = re.compile(rf"\b{_I_MUST_CORRECT}\b", re.I)
_I_SAID = r"\bi (?:said|told you|wrote|put|gave you|typed|mentioned|answered|picked|chose|clicked|selected)"
# The owner pointing to their own earlier answer: "Wait, I said 'in-house' at the start, this is wrong. ... Does it
# change your advice?" takes back an answer, where "this is wrong" alone would doubt the advice.
I_SAID = re.compile(_I_SAID + r"\b", re.I)
# The owner quoting a number they gave: "I told you 1,600", "I said 6,500 but", "I wrote ~40".
TOLD_BEFORE = re.compile(_I_SAID + r"\s+(?:it was\s+|we were\s+|we'?re\s+|about\s+|around\s+)?~?\d", re.I)
# A message that takes back an earlier answer: "actually ...", "sorry, I meant ...", "I said hands off but ...".
CORRECTING = re.compile(
    r"^\W*(?:(?:hmm+|oh|ah|ok(?:ay)?|well|erm?)\W+)?"
    r"(?:actually|sorry|oops|wait|hang on|hold on|no no|no wait|nope|correction|to be clear|scratch that|"
    # "Go back please - not a partner", "go back, ..."; not "go back office and payroll"
    r"go back(?=\W*(?:please|pls|[,.!;:\u2013\u2014-]|$))|"
    r"make (?:that|it)|i mean|my (?:bad|mistake)|let me (?:correct|rephrase)|i misspoke|"
    r"i got (?:that|it) wrong|thinking about it|come to think of it|now (?:that )?i think about it|"
    r"that's (?:not right|wrong)|update)\b|\bi (?:said|told you|wrote|put|answered)\b.*\bbut\b|\bafter all\b"
    # anywhere: "and backups too, forgot to say", "on second thought just hand it off", "i didnt mean that"
    r"|\b(?:on second thoughts?|forgot to (?:say|mention|add)|i forgot|i didn'?t mean|i meant|meant to (?:say|write)|"
    # "I explained bad before", "I explained it wrong"
    r"i (?:explained|described|put) (?:it |that |this )?(?:bad(?:ly)?|wrong(?:ly)?|poorly)|"
    # "One correction please: ...", "I talked with our general manager, correction: no partner."
    r"(?:one|a|small|quick|little) correction(?=\s*(?:[:,.!–—-]|please|pls|here|from me|to (?:make|my|what)))|"
    r"correction(?=\s*:)|"
    r"i'?d (?:also )?add|scratch (?:that|the)|scrap (?:that|the)|i never said|typo|whoops|"
    # "Excuse me, I must correct. ...", "I need to correct something" (not "I have to correct the timesheets by hand")
    r"i(?: must| need to| have to| want to| would like to|'d like to| should) correct"
    r"(?=\W*(?:$|[.,:;!]|something|that\b|"
    r"this\b|myself|my\b|one thing|what i))|"
    # "wait, let me change that", "can I change my answer about the control?"
    r"let me change (?:that|it|my)|change my (?:\w+ )?answer|"
    r"(?:can|could|may) (?:i|we) (?:go back|change) (?:to |on )?(?:my|our|that|the|an?) (?:\w+ )?(?:answer|reply)|"
    r"(?:can|could|may) (?:i|we) go back(?=\W*$)|"
    r"should(?:'?ve| have) (?:said|mentioned)|i take (?:that |it )?back|take back|forget (?:the|about)(?! it\b)|"
    r"off the list|i (?:said|wrote|put|typed) \S+ (?:earlier|before)|rethinking (?:my|our|that|it|this)|re-?thought|"
    r"on reflection|changed? my mind|correct(?:ing)? myself|(?:mixed|muddled) (?:\w+ )?up|mix-?up|"
    r"change of heart|(?:clicked|pressed|picked|chose|hit|tapped) (?:[\w'-]+ ){0,3}by (?:mistake|accident)|"
    r"wrong (?:button|one|option|answer)|mis-?click\w*|out of date|outdated|no longer (?:true|right|accurate|correct)|"
    r"(?:was|is) (?:wrong|a mistake|a typo))\b"
    # "80 was old, it's 110 now", "the 80 I gave you was old", "that figure is old"; not "our system is old" (a wish
    # for newer technology), "which is old, keeps crashing", "that's old school"
    r"|(?:\d[\d,.]*k?|that|figure|number|estimate|info|answer|gave you|told you|i said|i wrote)\s*"
    r"(?:was|is|['\u2019]s) old\b(?=\W*(?:$|[,;.\u2013\u2014-]|now\b|we\b|it\b))"
    # "oh and cutting costs, that too", "also competitive edge": one more, said as an afterthought
    r"|^\W*(?:oh|ah)\W+(?:and|also|plus)\s|^\W*(?:and|also|plus)\s.*\b(?:too|as well)\W*$"
    # "Boston in Lincolnshire, not the one in the US", "not Dublin Ireland, Dublin Ohio"
    r"|\bnot the one in\b|^\W*not\s+(?!(?:sure|certain|really|yet|much|many|quite|too|a lot|that|so|very|big|"
    r"huge|large|small|exactly|entirely|totally|at all|hugely|massive|tiny)\b)[\w'-]+(?:\s+[\w'-]+){0,2}\s*[,;–—-]",
    re.I)

# A place said straight after a "no": "no, Cambridge Massachusetts", "Nope - it's Perth in Scotland".
# (The name's capital tells it from "no, we don't need them in Europe".)
PLACE_AFTER_NO = re.compile(r"^\W*(?i:no|nope|nah)\s*[,.!:;–—-]+\s*"
                            r"(?i:it'?s\s+|we'?re\s+(?:in\s+)?|i meant\s+)?(?!(?:I|We|It|The|Thanks?)\b)[A-Z]")

# "skip this one", "can we pass on that question": a don't know, however the classifier heard it ("Skip this one."
# once sounded like a request for a person).
SKIP = (r"(?:(?:can|could) (?:we|i) |let'?s )?(?:skip|pass)(?: on)?"
        r"(?: (?:this|that|it)(?: one| question)?| the question)?(?: (?:pls|please|for now))?")
SKIPPING = re.compile(r"^\W*" + SKIP + r"\W*$", re.I)

# A reply that leaves the choice to the bot ("you decide", "up to you", "you're the expert"): a "don't know",
# which the form answers with its default at once, whatever else the classifier made of so short a message.
DEFERRING = re.compile(
    # after a short question back ("is that important? prefer not to give numbers")
    r"^\W*(?:(?:is|does|why does) (?:that|it|this) (?:\w+\W+){0,2}?(?:important|relevant|necessary|matter)\W+)?"
    r"(?:(?:well|hmm+|ok(?:ay)?|honestly|tbh|idk|no idea|not sure|dunno|no clue|i don'?t know|erm?|um+)\W+)*"
    r"(?:you (?:decide|choose|pick|tell me|say|suggest|advise)|"
    r"(?:it'?s |it is |that'?s )?(?:entirely |totally )?up to you|your (?:call|choice|pick|decision)|"
    r"(?:i'?ll |we'?ll )?leave (?:it|that|this) (?:up )?to you|you'?re the expert|"
    r"dealer'?s choice|surprise me|whatever you (?:think|say|suggest|recommend)(?: is best)?|"
    r"(?:can we |let'?s )?come back to (?:it|that|this)(?: one)?(?: later)?|"
    + SKIP + r"(?: and (?:come|get) back to (?:it|this|that)(?: one)?(?: later)?)?(?=\W*$|\s*[,;.–—-])|"
    r"(?:whichever|whatever) (?:makes (?:more |the most )?sense|is best|works best|you think)|"
    r"(?:let|have) (?:the bot|you|the assistant|the system|the computer) (?:decide|choose|pick)|"
    r"leave (?:it|that|this)(?: one)? open|"
    r"not saying(?: yet)?(?=\W*$)|"
    r"(?:i'?d |we'?d )?(?:rather not|prefer not to) (?:say|answer|tell|share|give (?:you )?(?:a |any |the )?"
    r"(?:numbers?|figures?|details|that|it))|next question|"
    r"not telling|(?:i'?m |we'?re )?not comfortable (?:sharing|saying|telling)|"
    r"(?:i'?d|i would|i'?ll|we'?d) have to (?:check|ask|look)|"
    r"(?:i|we) (?:haven'?t|have not) (?:made up (?:my|our) minds?|decided)(?: yet)?)\b"
    # what may follow: filler or what to decide ("you decide what is sensible"), not a question ("you tell me
    # why ...") or another sense ("you say that to everyone", "your choice of words")
    r"(?:\W+(?!why\b|how\b|that\b|this\b|of\b|so\b|to\b|about\b)[\w'-]+){0,8}[\W]*$"
    r"|^\W*(?:(?:ok(?:ay)?|hmm+|erm?)\W+)?next question\b"  # "next question please, I don't see why it matters"
    # "i'd rather not say how big we are at this stage"
    r"|^\W*(?:i'?d |we'?d |i would |we would )?(?:rather not|prefer not to) (?:say|tell|share)\b[^?]*$",
    re.I)
# Asked back, while a question waits, whether it matters at all ("does it matter??", "is that really important?"): the
# owner sees no reason to answer, as with a "don't know" (not "why does it matter?", which asks the reason, nor "does
# it matter if we're remote?", which asks something of its own).
DOUBTS_IT_MATTERS = re.compile(
    r"^\W*(?:(?:hmm+|well|um+|erm?|and|but|so|ok(?:ay)?|sorry|honestly|sincerely)\W+)*"
    r"(?:(?:does|do|would|will|is|was)\s+(?:it|that|this)\s+(?:(?:really|even|actually|much|that|so|very)\s+)?"
    r"(?:matter|make (?:a|any|much of a) difference|important|relevant|necessary|needed|required)"
    r"|do you (?:really |even |actually )?need (?:that|this|it|to know(?: that| this)?))"
    r"(?:[\s,]+(?:much|really|at all|here|though|tho|honestly|tbh|to you|for you|that much|"
    r"for (?:the|your|this) (?:advice|answer|recommendation)))*"
    r"[\s?!.]*$", re.I)
# "why that and not the other options?", "how come?": a question about the advice just given; "why is
# offshoring cheaper?" names a topic of its own and stays an FAQ.
ASKS_WHY = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|but|and|hmm+|right|really|wait|please|pls|sorry)\W+)*(?:why|how come)\b",
                      re.I)
_TOPICS = (r"cost\w*|cheap\w*|price\w*|pric\w+|wages?|salar\w+|time ?zones?|language\w*|secur\w*|risk\w*|backups?|"
           r"disaster|hybrid|difference|nearshor\w*|contract\w*")
FAQ_TOPIC = re.compile(rf"\b(?:{_TOPICS}|provider\w*)\b", re.I)
# A why anywhere: "May I ask why you suggest a hybrid?" is no question about a topic.
WHY = re.compile(r"\b(?:why|how come)\b", re.I)
# the words a why-not may follow, and a short word of surprise asked first ("pq? why not just pay a contract factory in
# paraguay", "huh? why not ...")
# someone else's why, passed on: "Dad's asking why not ...", "my partner wants to know why not ...", "The partners
# will ask me why we shouldn't ..."
_PASSED_ON = (r"(?:(?:my|our|the)\s+(?:\w+\s+)?)?[a-z]\w{0,15}(?:(?:['’]s|\s+is|\s+are)?\s+(?:keeps\s+|keep\s+)?"
              r"(?:asking|asks|wonders|wondering|wants? to know|(?:will|would|are going to|is going to) ask)|['’]ll ask)"
              r"(?:\s+(?:me|us))?\s+")
_WHY_NOT_OPENING = (r"^\W*(?:(?:ok(?:ay)?|so|but|and|hmm+)\W+|[a-z]{1,6}\s*\?+\s*|[a-z][\w' ]{0,23}:\s*|"
                    + _PASSED_ON + r")*")
WHY_NOT = re.compile(_WHY_NOT_OPENING + r"why not\b", re.I)
# ... a why-not passed on, asked indirectly and however long: "The partners will ask me why we shouldn't just take the
# cheaper quote ..."
PASSED_ON_WHY = re.compile(r"^\W*" + _PASSED_ON + r"why\s+(?:not\b|(?:we|i)\s+(?:shouldn'?t|should not|wouldn'?t|"
                           r"would not|can'?t|cannot|don'?t|do not)\b|(?:shouldn'?t|wouldn'?t|don'?t|can'?t)\s+(?:we|i)\b)",
                           re.I)
# "why not just get some cheap lad overseas to do it, would that not be cheaper", "why wouldnt we just contract it out
# to a mexican shop": a why-not typed (or dictated) without its question mark, which questions the advice all the same
# ("why not!" on its own is a yes); "Why would I not just go with one of those cheap crowds abroad?" is one too
WHY_NOT_SAID = re.compile(_WHY_NOT_OPENING + r"why\s+(?:not|(?:wouldn'?t|shouldn'?t|don'?t|can'?t|couldn'?t|won'?t|"
                          r"not)\s+(?:we|i|you)|(?:would|should|could|can|do|shall)\s+(?:we|i)\s+not|"
                          # "Why is it not better to give it to a company far away?", "why isn't it cheaper to ..."
                          r"(?:is|would|could|does)\s+(?:it|that)\s+not|(?:isn'?t|wouldn'?t|doesn'?t)\s+(?:it|that))"
                          r"\s+[a-z]", re.I)
# "Why outsourcing? My father thinks we should hire our own IT person.", "Why a local company? A trustee in London
# offered theirs.", "why not just contract an agency in Kraków? genuinely curious": a short why-question that opens the
# message asks about the advice, whatever the sentences after it tell (their places and wishes are the owner's doubt,
# not new facts), once the advice is given and no question waits; "why not?" alone agrees, and a bare "Why?" before a
# correction ("Why? Actually we are 400 people") leaves it to the rest. A topic's word in a question with a verb makes
# it one about the topic ("why is hybrid so common?"); "why a provider nearby?" and "why not X?" are about the choice,
# the why-not, an alternative put forward, of up to seventeen words ("Why not just move everything to a cheap provider
# in Asia?", "Why not give everything to the provider completely, so we do not have to think about it?"), also asked
# for politely ("Kindly explain why not ..."); any other why of up to thirteen ("Why would a company in Suva be better
# than a big one in Australia?").
WHY_FIRST = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|but|and|hmm+|right|really|wait|now|please|pls|sorry)\W+|"
                       r"[a-z]{1,6}\s*\?+\s*|[a-z][\w' ]{0,23}:\s*|"  # "Dad asks: why not ..."
                       + _PASSED_ON + r")*"
                       # "Kindly explain why not ...", "can you tell me why ..."
                       r"(?P<polite>(?:(?:kindly|please|pls|can you|could you|would you)\s+)*(?:explain|tell me|clarify)"
                       r"(?:\s+(?:to me|me|for me))?\s+)?(?:why|pourquoi)"
                       r"(?!\s+not\s*[?!.,])(?P<verb>\s+(?:is|are|was|were|do|does|did|would|will|can|could|should|has|"
                       r"have|isn'?t|wouldn'?t|doesn'?t)\b)?"
                       # a why-not, "not" after the verb's subject or in the verb ("why is it not better to ...?", "why
                       # isn't it ...?"), of up to seventeen words; any other why of up to thirteen
                       r"(?:(?:\s+(?:it|that))?\s+not(?:\W+[\w'-]+){1,16}?|(?:(?<=n't)|(?<=nt))(?:\W+[\w'-]+){1,17}?|"
                       r"(?:\W+[\w'-]+){1,12}?)\s*\?", re.I)
WHY_FIRST_FROM = frozenset({"faq", "chitchat", "out_of_scope", "nlu_fallback", "inform", "ask_recommendation"})
# "Why a hybrid and not our own centre abroad?": why the advice is one option over another, whatever it names.
WHY_RATHER = re.compile(r"\b(?:and|but) not\b|\brather than\b|\binstead of\b", re.I)
# "Why is our own centre better than a provider?": once the advice is given, why one option beats another.
COMPARED = re.compile(r"\b(?:better|worse|preferable|superior|wiser|smarter|safer|riskier)(?:\s+(?:\w+\s+){0,3}?than|"
                      r"\s+over)\b", re.I)
# ... unless it asks about a topic of the FAQ ("why is nearshoring safer than offshoring for data security?"): a
# provider is one of the options, not a topic.
COMPARED_TOPIC = re.compile(rf"\b(?:{_TOPICS})\b", re.I)
# "I don't agree.", "That is strange.", "that seems wrong": the advice doubted, before a why about it.
DISAGREES = re.compile(r"\b(?:(?:i|we)\s+(?:do not|don't|dont|don’t|really don't)\s+"
                       r"(?:agree|get it|understand|see (?:it|why))|(?:i|we)\s+disagree|"
                       r"not\s+(?:so\s+)?(?:convinced|sure about that)|"
                       r"(?:that|this|it)(?:'s| is| seems| sounds)\s+(?:\w+\s+)?"
                       r"(?:strange|odd|wrong|weird|off|backwards|surprising)|"
                       r"(?<!not )(?<!pleasantly )(?<!not very )(?<!not at all )(?:bit |quite |rather |very |a little )?"
                       r"(?<!not )(?<!pleasantly )surprised|"
                       r"doesn't make sense|does not make sense|makes no sense)\b", re.I)
# "Convince me.", "make the case": the reasons asked for, once the advice is given.
CONVINCE = re.compile(r"\b(?:convince|persuade)\s+(?:me|us)\b|\bmake (?:the|your) case\b|\bsell (?:it|this|that) to "
                      r"(?:me|us)\b", re.I)
# "por que?", "pourquoi ?": why, in the owner's own language (not "porque", because)
FOREIGN_WHY = re.compile(r"^\W*(?:por\s+qu[eé]|porqu[eé](?=\s*\?)|pourquoi|warum|perch[eé](?=\s*\?)|waarom|varför|"
                         r"hvorfor|dlaczego|neden)\b", re.I)
# One of the options the advice weighs, named in a question about it ("Isn't offshoring a bit grand for us?").
OPTION_NAMED = re.compile(r"\b(?:outsourc\w*|offshor\w*|a partner|our own (?:team|people|staff|site|centre|center))\b",
                          re.I)
# "May I ask why you suggest a hybrid approach?", "Why do you suggest this approach?": why of the advice itself,
# wherever the why stands and whatever topic the advice names.
WHY_ADVISED = re.compile(r"\b(?:why|how come)\s+(?:do |did |would |are |have )?you\s+(?:\w+\s+)?(?:not\s+)?"
                         r"(?:suggest\w*|recommend\w*|advis\w*|propos\w*|going with|pick\w*|chose|choos\w*)\b"
                         # "What makes you say I need a partner?", "how did you get to that?"
                         r"|\bwhat makes you (?:say|think|suggest|recommend|so sure)\b"
                         r"|\bhow (?:did|do) you (?:get|come|arrive) (?:to|at) (?:that|this)\b"
                         # "Kindly explain why hybrid is suggested", "Why is hybrid being recommended?" (not "that's
                         # why we're here, which option is recommended?")
                         r"|\b(?:why|how come)\b[^.?!,;]{0,40}?\b(?:is|was|gets?|got)\s+(?:being\s+)?"
                         r"(?:suggested|recommended|advised|proposed)\b"
                         r"|\bwhy\s+(?:is|was|are|were)\s+[^.?!,;]{1,30}?\s+(?:being\s+)?"
                         r"(?:suggested|recommended|advised|proposed)\b", re.I)
# "Explain that. Half our board thinks offshoring is something from the nineties.", "Hm, really? We're tiny - would a
# proper IT firm even bother with the likes of us?": the advice itself asked about or doubted, before whatever follows
ADVICE_QUESTIONED = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|but|hm+|hmm+|huh|oh|wait|please|pls)\W+)*(?:"
                               r"(?:can you |could you |please |pls )?explain(?: (?:that|this|it|yourself)"
                               r"(?:,? please)?\s*[.!?]| (?:the|your) (?:advice|recommendation|reasoning)\b)"
                               r"|really\s*\?|are you sure\s*\?|seriously\s*\?)", re.I)
# "Please set out the rationale for this recommendation ...", "Please justify why a co-managed approach is preferable",
# "can you walk me through the reasoning?": the reasons for the advice asked for in so many words.
REASONS_ASKED = re.compile(r"^(?=.*\b(?:rationale|reasoning|justif\w*|logic|"
                           r"reasons?\s+(?:for|behind)\s+(?:this|that|the|your|it)\b))"
                           r"(?=.*(?:\?|\b(?:please|kindly|pls|can you|could you|would you|explain|set out|"
                           r"walk me|tell me|share|give me|provide|justify)\b))", re.I | re.S)
# "Is that outsourcing or offshoring?", "would this count as offshoring?": which word names a plan just told (what work,
# where to or under whom; "We're 200 in Leeds. Will it be outsourcing or offshoring?" tells no plan and asks which fits).
NAMES_THE_PLAN = re.compile(r"^\W*(?:(?:so|and|but|then)\W+)?(?:is|would|does|will)\s+(?:that|this|it)\s+(?:still\s+)?"
                            r"(?:be\s+)?(?:count\s+as\s+|called\s+|considered\s+)?(?:an?\s+)?(?:outsourc|offshor)\w*"
                            r"(?:\s+or\s+(?:an?\s+)?(?:outsourc|offshor)\w*)?\W*$", re.I)
# "outsourcing or offshoring, what fits us best?", "outsource or offshore, what do you think?": the two options
# named, and which of them for us or in the bot's view; not what they are or how they differ, nor a topic of theirs
# ("outsourcing or offshoring, which is cheaper for us?" asks about costs).
BOTH_OPTIONS = re.compile(r"\boutsourc\w*\b.*\boffshor\w*|\boffshor\w*\b.*\boutsourc\w*", re.I)
WHICH_FOR_US = re.compile(r"\bfor (?:us|me|my|our|ours|a (?:\w+ )?(?:company|firm|business|shop) like)\b|"
                          r"\bin (?:our|my) case\b|\b(?:should|shall) (?:we|i)\b|"
                          r"\bwhat (?:do|would) you (?:think|suggest|recommend|advise|say)\b|"
                          r"\b(?:fits?|suits?|best|better|which one|go for|pick|choose|"
                          r"your (?:view|take|opinion|advice|recommendation))\b", re.I)
ABOUT_THE_OPTIONS = re.compile(r"\b(?:differ\w*|mean\w*|defin\w*|distinguish\w*|explain\w*|compar\w*|apart|"
                               r"confus\w*|both|combin\w*|mix\w*|together|others|"
                               r"what(?: is|'s|’s| are) (?:outsourc|offshor)\w*|cost\w*|cheap\w*|pric\w+|wages?|"
                               r"salar\w+|time ?zones?|language\w*|secur\w*|risk\w*|backups?|disaster|contract\w*)\b",
                               re.I)
# A question put as a statement: "tell me about the risks", "I'd like to know what it costs", "curious how
# the time difference works out".
ASKS_ABOUT = re.compile(r"\?|\b(?:tell|explain\w*|know|wonder\w*|curious|info\w*|learn|understand|compare|pros|cons|"
                        r"difference|what|how|why|which|who|whether|question)\b", re.I)
WHY_FROM = frozenset({"faq", "chitchat", "out_of_scope", "nlu_fallback"})
# A "why" that is a word of a street's or a place's name, dictated: after a word that places ("just off why acky way").
WHY_PLACED = re.compile(r"\b(?:off|on|along|near|at|by|in|to|from|past|down|up)\s+why\b(?!\W*$)", re.I)


def why_in_passing(text: str) -> bool:
    """Whether the message's "why" asks nothing: no question mark, no word of wondering, and each "why" right after a
    word that places ("our office is in Westlands just off why acky way"), not ending the message."""
    if "?" in text or re.search(r"\b(?:explain\w*|reason\w*|how come|understand|know|wonder\w*|curious|tell me|"
                                r"not sure)\b", text, re.I):
        return False
    whys = re.findall(r"\bwhy\b", text, re.I)
    return bool(whys) and len(WHY_PLACED.findall(text)) == len(whys)


# The intents the unsure reader may overrule: not a yes or a no ("no, not right now" to an offer), nor a request to
# forget, delete, leave or talk to a person.
READ_UNSURE_FROM = frozenset({"inform", "correct", "chitchat", "out_of_scope", "nlu_fallback", "what_if", "ask_why",
                              "faq", "ask_recommendation", "thank"})
UNSURE_FROM = frozenset({"inform", "correct", "chitchat", "out_of_scope", "nlu_fallback", "what_if"})
# What the classifier takes many questions about a topic for, and how likely it must still find the FAQ.
ASKED_AS_STATEMENT = frozenset({"inform", "nlu_fallback", "dont_know"})
FAQ_AT_LEAST = 0.1
# A question opened without its question mark by a word QUESTION does not know ("wont everything take twice as long").
ASKING = re.compile(r"^\W*(?:wont|won'?t|isn'?t|aren'?t|doesn'?t|did|who'?s|what'?s|how'?s)\b", re.I)
# "skip", "rather not say" (a deny to the classifier): the rules take a dont_know as a no wherever a deny is one (the
# offers, the confirmations, the lead form), and the lead form's optional phone number as left out.
DEFERRED_FROM = frozenset({"inform", "chitchat", "out_of_scope", "nlu_fallback", "affirm", "greet", "ask_why", "faq",
                           "deny"})


def tagged_facts(message: Message) -> set[str]:
    """The kinds of fact the entity extractors found in a message."""
    entities = message.get(ENTITIES) or []
    kinds = {e.get("entity") for e in entities if e.get("entity") in FACT_ENTITIES}
    return kinds | {"place" for e in entities if e.get("entity") in ("GPE", "LOC")}  # a place only spaCy found


def stated_facts(message: Message) -> tuple[set[str], bool]:
    """The kinds of fact a message states (entities, the readers' sure readings, and a number said of people that
    the tagger missed, beside the company's place, trade or a "we": "game studio in stockholm, ~450 ppl"), and whether
    one of them is a head-count."""
    kinds = tagged_facts(message)
    readings = told_readings(message)
    kinds |= {kind for kind in READ_KINDS if (readings.get(kind) or [{}])[0].get("confidence", 0) >= SURE}
    if people_counted(message.get(TEXT) or "") and (kinds & {"place", "location", "industry"}
                                                   or SAID_OF_US.search(message.get(TEXT) or "")):
        kinds.add("headcount")  # of the company, beside its place, trade or a "we" ("50 people at the expo": no)
    return kinds, "headcount" in kinds


# A greeting in the words of many places, opening a message (GREETING_FIRST); and a greeting with nothing else but
# courtesy (GREETING_ONLY: "G'day", "Hello. Thank you very much for your time.", "Kia ora!", "good evening, hope you're
# well"), which the classifier, having learned a few greetings, may call unclear or take the thanks for the point of.
GREETING = (r"^\W*(?:hello|hell?o+|hi+|hey+|hiya|howdy|g'?day|good (?:morning|afternoon|evening|day)|morning|evening|"
            r"greetings|yo|hallo|hola|ol[aá]|oi|bonjour|salut|ciao|namaste|namaskar|salaam|salam|"
            r"as-?salaam?u? ?alaikum|kia ora|bula|aloha|jambo|habari|sawubona|mabuhay|merhaba|shalom|sawasdee|"
            r"xin ch[aà]o|ni ?hao|konnichiwa)\b")
GREETING_FIRST = re.compile(GREETING, re.I)
GREETING_ONLY = re.compile(
    GREETING + r"(?:[\s,]+(?:there|all|everyone|everybody|team|mate|folks|again|bot|friend))?[\s!.,?]*"
    r"(?:(?:(?:and\s+)?(?:many\s+)?thanks?(?: you)?(?: (?:very|so) much)?(?: (?:for|in) [\w\s']{1,30}?)?|"
    r"how are you(?: doing| today)?|how's it going|hope you(?:'re| are) (?:well|good)|nice to meet you|"
    r"(?:is )?any(?:one|body) (?:there|home|around))[\s!.,?]*)*$",
    re.I)


def relabel(text: str, intent: Optional[str], facts: set[str], headcount: bool,
            tagged: Optional[set[str]] = None, unsure: float = 0.0, asked: Optional[str] = None,
            advised: bool = False, known: frozenset[str] = frozenset(),
            hinted: frozenset[str] = frozenset(), first: bool = False,
            faq_score: float = 0.0) -> Optional[tuple[str, str]]:
    """The intent the message should have and the rule that says so, or None to keep the classifier's. `tagged`: the
    kinds of `facts` the entity extractors found (all of them when not given); `unsure`: the unsure reader's
    probability that the reply answers nothing (components/slot_readers.py); `asked`: the profile question the
    bot is waiting on, if any; `advised`: whether the bot has given its advice; `known`: the profile questions
    already answered; `hinted`: the kinds a reader leans to, at least a guess (GUESS); `first`: the message opens the
    conversation; `faq_score`: the classifier's probability that the message asks an FAQ."""
    told = facts if tagged is None else tagged
    text = POLITE_LEAD.sub("", text, count=1)
    if intent in ("nlu_fallback", "thank", "chitchat", "out_of_scope", "goodbye", "inform") \
            and GREETING_ONLY.match(text) and not told - {"location", "place"}:
        # (the tagger may take "Salaam" or "Bonjour" for a place, and the classifier, which learns many first messages
        # that open with one, a statement)
        return "greet", "greets, and says nothing else but courtesy"
    if first and intent == "nlu_fallback" and not told and not QUESTION.search(text) and (
            GREETING_FIRST.match(text) or SAID_OF_US.search(text)):
        # "hi there, I'm Angus, I run a bakery": a first message that greets or speaks of the company but tells
        # nothing the bot can use is answered with what the bot does and what to tell it, not "say it another way"
        # (keyboard noise still is)
        return "greet", "opens the conversation with nothing to read"
    event = bool(EVENT.search(text))
    if intent in WHY_FROM | {"ask_why"} and not advised and headcount and len(facts - {"industry", "place"}) >= 2 \
            and ASKS_WHY.search(text):
        # "Why do you need to know that? ... ok, around 380. Mendoza ... Pay less for the administration": before any
        # advice, a why about the questions, and the answers told after it
        return "inform", "asks why it is asked, and answers"
    if (intent in WHY_FROM and ASKS_WHY.search(text) and (WHY_RATHER.search(text) or not FAQ_TOPIC.search(text))) or (
            # "Why a partner and not our own dev centre in Cairo?" names a set-up, but asks why the advice
            intent in ("inform", "correct") and ASKS_WHY.search(text) and WHY_RATHER.search(text)) or (
            intent in WHY_FROM | {"ask_recommendation"} and WHY_ADVISED.search(text)) or (
            intent in WHY_FROM and advised and asked is None and ASKS_WHY.search(text) and COMPARED.search(text)
            and not COMPARED_TOPIC.search(text)) or (
            intent in WHY_FIRST_FROM and advised and asked is None and REASONS_ASKED.match(text)) or (
            intent in WHY_FIRST_FROM | {"what_if", "correct"} and advised and asked is None
            and not headcount and ADVICE_QUESTIONED.match(text)) or (
            intent == "what_if" and ASKS_WHY.search(text) and WHY_RATHER.search(text) and not WHY_NOT.match(text)) or (
            # "seems overkill. why a firm and not just a tech guy?": the same asked after a first sentence
            intent in WHY_FROM and advised and asked is None and WHY_RATHER.search(text)
            and any(ASKS_WHY.search(sentence) for sentence in SENTENCE_START.split(text)[1:])):
        # (the last: "why outsourcing and not hiring our own team in Ukraine?" names a place, but asks why the advice;
        # "why not Poland instead of India?" supposes Poland)
        return "ask_why", "asks why about the advice"
    if intent in WHY_FIRST_FROM | {"what_if", "correct"} and advised and asked is None and not headcount \
            and DISAGREES.search(text) and WHY.search(text):
        # "I don't agree. A team in another country is cheaper, why you say a company here?", "That is strange. Why give
        # the cutting to another workshop?": the advice doubted and asked why, whatever it names beside
        return "ask_why", "doubts the advice and asks why"
    if intent in WHY_FIRST_FROM | {"correct"} and advised and asked is None and (FOREIGN_WHY.match(text) or (
            not headcount and (CONVINCE.search(text) or (
                DISAGREES.search(text) and QUESTION.search(text) and OPTION_NAMED.search(text)
                and not FAQ_TOPIC.search(text) and not (intent == "correct" and I_SAID.search(text)))))):
        # "My board chair reckons we should just give it to a managed service provider. Convince me.", "por que? my boss
        # says ...", "Bit surprised. ... Isn't offshoring a bit grand for the likes of us?": the advice questioned
        return "ask_why", "asks for the reasons of the advice"
    first_why = WHY_FIRST.match(text)
    # a question with its verb ("why is hybrid so common?"), or asked indirectly ("can you explain why offshoring is
    # cheaper?", the verb after the subject), is about a topic when it names one; a why-not never is
    topical = first_why and not WHY_NOT_SAID.match(text) and (first_why.group("verb") or (
        first_why.group("polite") and not re.search(r"\bwhy\s+not\b", first_why.group(0), re.I)))
    # "60 people is not so small. Why not hire our own IT person?": a why-not asked after a first sentence, which
    # questions the advice as one asked first does (not a correction told with it)
    sentences = SENTENCE_START.split(text.strip())
    # (not after a supposition, "Suppose we were 500 people. Why not ...?", nor a size told again, "We're 80 people, not
    # 60. Why not ...?", nor a yes, "Sounds good. Why not go for it?")
    later_why_not = advised and asked is None and intent in WHY_FIRST_FROM | {"what_if"} \
        and not CORRECTING.search(text) and not SUPPOSING.search(sentences[0]) and not HYPOTHETICAL.search(sentences[0]) \
        and not NUMBER_RETOLD.search(sentences[0]) and not re.search(r"\bnot\s+\d", sentences[0]) \
        and any(WHY_NOT_SAID.match(sentence) and sentence.rstrip().endswith("?") and not GOING_AHEAD.search(sentence)
                for sentence in sentences[1:])
    if later_why_not or advised and asked is None and (
            # ("why not india" to the offer of a call is no yes: "why not" with more after it asks)
            intent in WHY_FIRST_FROM | {"affirm"} and WHY_NOT_SAID.match(text) and "?" not in text
            # "The partners will ask me why we shouldn't just take the cheaper quote ... What do I tell them?": someone
            # else's why-not, passed on, however long
            or intent in WHY_FIRST_FROM and PASSED_ON_WHY.match(text)
            or intent in WHY_FIRST_FROM | {"affirm"} and first_why and WHY_NOT.match(text)
            or intent in WHY_FIRST_FROM and first_why and (not topical or not FAQ_TOPIC.search(first_why.group(0)))
            # "why that one? sorry im new to all this", which the classifier hears as "I don't know"; not "why not i
            # guess, not sure" nor "why would i know? no idea"
            or intent == "dont_know" and first_why and not WHY_NOT.match(text)
            and not re.search(r"\b(?:i|we|me|us)\b", first_why.group(0), re.I)):
        return "ask_why", "opens with a short why-question"
    company = facts & {"headcount", "location", "target_location", "control", "proximity", "function"}
    if intent in ASKED_AS_STATEMENT and faq_score >= FAQ_AT_LEAST and (QUESTION.search(text) or ASKING.match(text)) \
            and not headcount and not company - {"function"} and "place" not in facts \
            and not facts & ANSWERED_BY.get(asked or "", set()) \
            and not (advised and facts & {"function", "goal", "goals", "control", "proximity"}) \
            and not CORRECTING.search(text) and not ASKS_FOR_ADVICE.search(text) \
            and not SUPPOSING.search(text) and not HYPOTHETICAL.search(text) and not WHY.search(text) \
            and not UNSURE.search(text) and not (asked and ABOUT_OPTIONS.search(text)) \
            and not relative_size(text, 100) \
            and not re.search(rf"\b{SKIP}\W*$", text, re.I) and not DEFERRING.search(text):
        # "are offsite backups tested regularly", "if the building burns down do we lose all our files", "who's the boss
        # of the people doing our IT": a question about a topic that tells nothing of the company and answers nothing
        # asked, which the classifier, having learned the owners' many answers, took for one (or was unsure of); the
        # work named in passing ("our IT") is no answer; after the advice, a fact named ("and the bookkeeping?", "same
        # for the call centre?") supposes a change
        return "faq", "asks about a topic, tells nothing of the company"
    if (intent in UNSURE_FROM and UNSURE.search(text) and (not facts or only_unsure(text))) or (
            intent == "ask_why" and only_unsure(text)):  # "no idea, that's why im here"
        return "dont_know", "says it does not know"  # a reader's "none really" in "no idea really" is no fact
    if intent in ("faq", "ask_recommendation") and not facts and UNSURE.match(text) and (
            ASKS_FOR_ADVICE.search(text) or not QUESTION.search(text)) and not CLARIFYING.search(text):
        # "hmm dunno, what do other companies usually want?", "not sure, we've never worked with an outside team":
        # no question of its own ("not sure - is offshoring cheaper?" stays one)
        return "dont_know", "says it does not know"
    # (the whole message defers: a reader's reading of "I'd rather not say", hands-off, is none of its facts)
    if (intent in DEFERRED_FROM and not told and DEFERRING.search(text)) or (
            intent == "request_human" and SKIPPING.match(text)):
        return "dont_know", "leaves the choice to the bot"
    if asked and intent in DEFERRED_FROM and not told and DOUBTS_IT_MATTERS.match(text):
        return "dont_know", "asks whether the question matters"
    if intent in READ_UNSURE_FROM and unsure >= UNSURE_READ and not told \
            and not (intent == "correct" and CORRECTION_SIGNS.search(text)) \
            and not CLARIFYING.search(text) and not ASKS_WHY.search(text) and not LEANS.search(text) \
            and not (intent == "ask_why" and WHY.search(text) and "?" in text) \
            and (not QUESTION.search(text) or UNSURE.search(text)) and not headcounts_in(text):
        # "the board is still arguing about it", "depends if you count the contractors": what no list of hedges
        # holds, read as the kind of reply it is; not a question ("is it hard to switch later?", "Why hybrid? I
        # expected one or the other", "Out of interest, why not one of those cheaper firms overseas?"), a hedge that
        # leans ("not sure, probably let them run it") or a number untagged
        return "dont_know", "reads as no answer"
    if intent in ("what_if", "nlu_fallback", "ask_why", "faq", "inform", "correct") and "employees" in known \
            and headcount and TOLD_BEFORE.search(text) and len(headcounts_in(text)) >= 2:
        # "Hang on, I told you 1,600 - that's the whole group. The broker itself is 1,150. Does that change anything?":
        # the size given before, quoted, and another: a correction, whatever it asks after it
        return "correct", "quotes the size it gave and tells another"
    if intent in ("what_if", "ask_why") and not told and not company and QUESTION.search(text) \
            and FAQ_TOPIC.search(text) and not WHY.search(text) and not SUPPOSING.search(text) \
            and not HYPOTHETICAL.search(text) and not WOULD_DIFFER.search(text) and not relative_size(text, 100):
        # "and what does it cost?", "and how much does that cost?": a question about a topic that supposes nothing
        # of the company and asks no why of the advice (the FAQ selector, after this component, picks the answer);
        # a goal the readers hear in the topic's word ("cost") is no fact of the company. (Not a question the
        # classifier was unsure of: "what languages do you speak?" names a topic's word and is none.)
        return "faq", "asks about a topic, supposes nothing"
    if intent == "what_if" and EVENT.search(MISHAP_WHEN.sub("", text)) and not told and not company \
            and QUESTION.search(text) and not relative_size(text, 100):
        # "what if we lose all our files?", "what if the provider goes bust?": a risk, asked about; not a set-up or a
        # wish supposed for when a mishap comes ("And if the company could send someone to the resort when there is a
        # problem, instead of only the phone?", "And if I also want them to keep copies ..., in case of fire ...?")
        return "faq", "asks about a risk, supposes nothing of the company"
    if intent == "what_if" and not advised and asked is None and headcount and len(sentences) > 1 \
            and SAID_OF_US.search(sentences[0]) and not SUPPOSING.search(sentences[0]) \
            and not HYPOTHETICAL.search(sentences[0]) and not any(
                HYPOTHETICAL.search(sentence) or headcounts_in(sentence) or relative_size(sentence, 100)
                for sentence in sentences[1:]):
        # "We're a 90-person credit union in Halifax, Nova Scotia. If we hand off our cybersecurity entirely to a
        # provider, would they need to be local?": before the advice, with no question pending, the company told
        # first, then its case supposed, which the advice answers (not a changed company: "If we grew to 400 staff,
        # would the advice change?")
        return "inform", "describes the company, then supposes its case"
    if intent != "what_if" and (HYPOTHETICAL.search(text) or (advised and SIZE_SUPPOSED.search(text)) or (
            IF_SAME_ADVICE.match(text) and company) or (
            # (not a correction that asks what it changes: "In fact I must correct: ... Does it change the
            # recommendation?", "Wait, I said 'in-house' at the start, this is wrong. ... Does it change your advice?")
            WOULD_DIFFER.search(text) and not CORRECTION_SAID.search(text)
            and not (intent == "correct" and I_SAID.search(text)) and (company or (
            facts & {"goal", "goals"} and SUPPOSING.search(text)))) or (
            SUPPOSING.search(text) and not event and not ASKS_AFTER.search(text) and (company or (
                facts & {"goal", "goals"} and GOALS_CHANGING.search(text)) or relative_size(text, 100))) or (
            (SUPPOSED_STATE.search(text) or (AND_IF.search(text) and not ASKS_AFTER.search(text)))
            and company and not event) or (
            WHAT_ABOUT.search(text) and not event and (
                "headcount" in facts  # "Ok and for our subsidiary - 40 people, just wanting their systems secure ...?"
                or (facts & {"location", "target_location", "place"} and not FAQ_TOPIC.search(text)) or (
                    company and INSTEAD.search(text)) or relative_size(text, 100)))):  # "how about helpdesk instead?"
        return "what_if", "opens as a hypothetical"
    if intent in MISREAD_AS | {"inform", "faq", "ask_recommendation"} and advised and asked is None and company \
            and not CORRECTING.search(text) and (
            any(((HYPOTHETICAL.search(sentence) and not ASKS_AFTER.search(sentence))
                 or (IF_FIRST.match(sentence) and (WOULD_DIFFER.search(sentence) or ADVICE_AGAIN.search(sentence))))
                and sentence.rstrip().endswith("?") for sentence in sentences[1:])
            or (INSTEAD_ASKED.search(text) and len(text.split()) <= 8)):
        # "ok thanks, that's really useful. one thing though - our finance director keeps going on about moving
        # payroll out. if we did that rather than the helpdesk, would you say the same?": the supposition asked last,
        # after a preamble; "fully remote instead?": a fact supposed in a few words
        return "what_if", "supposes a change after the advice"
    if intent in MISREAD_AS | {"faq", "inform", "ask_recommendation"} and advised and asked is None and company \
            and LETS_SAY.match(text) and not event and not CORRECTING.search(text) \
            and not (ASKED_AFTER.search(text) and not WOULD_DIFFER.search(text)):
        # "Let's say we also acquire the Monterrey plant we've been looking at. We'd be about 3,500, ...": after the
        # advice, a change supposed in so many words (before it, "let's say we're about 50" may answer a question)
        return "what_if", "supposes a change after the advice"
    if intent in MISREAD_AS | {"faq", "inform"} and advised and asked is None and AND_IF.search(text) and hinted \
            and (not EVENT.search(re.sub(r"\bwhen(?:ever)?\b[^,?]*", "", text))
                 or (SAME_ADVICE_ASKED.search(text) and WISH_SAID.search(text))) \
            and not ASKS_AFTER.search(text):
        # "And if the company could send someone to the resort when there is a problem, instead of only the phone?":
        # after the advice, a set-up supposed, in words the readers only lean to (a mishap it is for is no risk
        # asked about; nor one it names beside a wish, asking whether the advice holds: "And if the hack thing gets
        # sorted and all I really want is decent backups - still the same advice?"; "and if the provider goes bust -
        # still the same advice?" asks about a risk)
        return "what_if", "supposes a set-up after the advice"
    said = SENTENCE_START.split(text.strip())
    asked_last = said[-1]  # the sentence that ends the message
    if intent in ("inform", "nlu_fallback", "ask_recommendation") and asked is None and not advised \
            and company & {"target_location", "control", "function"} and NAMES_THE_PLAN.search(asked_last):
        # "We're a freight company in Rotterdam, 1,800 staff, moving invoicing to a centre of our own in Poland. Is
        # that outsourcing or offshoring?": what the plan is called, which an FAQ answer says; the questions follow
        # with the facts told (actions/conversation.py)
        return "faq", "asks what its plan is called"
    # ... or the sentence before a short one that asks it ("..., after that we will be about 2 000. Same answer?")
    future = " ".join(said[-2:]) if len(asked_last.split()) <= 4 and len(said) >= 2 and STILL_SO.search(asked_last) \
        else asked_last
    if intent in MISREAD_AS | {"inform", "correct", "faq"} and advised and asked is None and company \
            and asked_last.endswith("?") and FUTURE.search(future) and headcounts_in(future) \
            and not CORRECTING.search(text):
        # "Et si we open the second and third clinic next year, so maybe 60 people?", "In two years we'll be about 6,000
        # after the merger - same answer?": a future asked about, no change
        return "what_if", "asks about a time to come"
    if intent == "what_if" and headcount and "location" in facts and AS_IT_IS.search(text) \
            and not SUPPOSES.search(text) and not QUESTION.search(text):
        # "Peace be upon you. I have a small travel agency in Riyadh, only three of us.": the company as it is
        return "inform", "describes the company, supposes nothing"
    if intent == "start_over" and not RESTARTING.search(text):
        return ("inform", "states facts, asks nothing to be forgotten") if facts else (
            "nlu_fallback", "asks nothing to be forgotten")
    if intent in WHY_FROM and not company - {"control"} and BOTH_OPTIONS.search(text) and WHICH_FOR_US.search(text) \
            and not ABOUT_THE_OPTIONS.search(text):  # (the control reader hears "outsource" as hands-off)
        return "ask_recommendation", "asks which option fits"
    # (a place only spaCy found is as often where the work would go: "a team in Poland, not India")
    retold = {slot for slot, kind in (("employees", "headcount"), ("location", "location")) if kind in facts} & (
        known - {asked})
    if intent in ("inform", "nlu_fallback") and not QUESTION.search(text) and (
            ("employees" in retold and NUMBER_RETOLD.search(text))
            or ("location" in retold and negated_countries(text))):
        # "we are 1200 not 120, missed a zero", "Perth in Scotland, not Australia" while another question waits: a
        # known head-count or place told otherwise
        return "correct", "tells a known fact otherwise"
    kinds = ANSWERED_BY.get(asked or "", set())
    answering = facts | ({"headcount"} if asked == "employees" and headcounts_in(text) else set())  # "fiveteen"
    if answering & kinds and not (answering - {"industry"} - kinds) and not QUESTION.search(text):
        if intent in ANSWERED_FROM and not CLARIFYING.search(text) and not ASKS_INSTEAD.search(text):
            # "cheaper. that's it really, nothing fancy" to the goals question, "Nottingam" to the location
            # question: what the classifier, without the question, took for an FAQ topic or noise answers it
            return "inform", "answers the question asked"
        if intent in ("inform", "correct", "deny"):
            # "actually, backups that work" to the goals question: the question is open, so nothing it names
            # was said before to take back
            return ("inform", "answers the question asked") if intent != "inform" else None
    if intent in MISREAD_AS | {"faq", "inform"} and known and (facts or hinted) and I_CORRECT.search(text) \
            and not HYPOTHETICAL.search(text):
        # "Attendez, I must correct something: the joint venture was the old plan. The board has now decided for our
        # own 100% subsidiary, our own employees, no partner. Does it change something?": a correction said in so many
        # words, whatever else the classifier heard in it
        return "correct", "says it corrects an earlier answer"
    if (intent in ("inform", "deny") or (intent in MISREAD_AS | {"faq"} and not QUESTION.search(text))
            or (intent == "affirm" and not AFFIRMING.search(text))) and facts and (known or not first) and (
            CORRECTING.search(text) or ({"location", "place"} & facts and PLACE_AFTER_NO.match(text))):
        # (a first message has nothing to take back: "Hi. Gothenburg-based online retailer. We're rethinking our
        # customer support.")
        return "correct", "takes back an earlier answer"
    # (the choices only: a place only spaCy found is as often where the work would go, and a goal said after a no is
    # as often one more)
    earlier = {slot for slot in known & CHOICES - {asked} if ANSWERED_BY.get(slot, set()) & facts}
    if intent in ("inform", "deny", "nlu_fallback") and asked and earlier and NO_FIRST.match(text) \
            and not HEDGED_NO.match(text) and not facts & ANSWERED_BY.get(asked, set()) and not QUESTION.search(text):
        # "no, we don't want to open our own office. we want to work together with a local partner" to the closeness
        # question, "not share. we want give all to the company": an earlier answer said again otherwise, after a no
        return "correct", "takes back an earlier answer while another question waits"
    if intent == "correct" and not CORRECTING.search(text) and not CORRECTION_SIGNS.search(text):
        # "not remote - we need bodies in the building", "we dont need any control": the classifier calls many answers
        # with a negation corrections; one that takes nothing back in any way is an answer.
        return "inform", "takes nothing back"
    plain = facts - {"industry", "place"}  # "a restaurant in Paris" names a trade and a place, and no company
    if intent == "faq" and headcount and len(plain) >= 2 and not QUESTION.search(text):
        # "We're a recruitment agency in Manchester, 45 staff, and want to get more modern!": no question.
        return "inform", "states facts about the company"
    if intent == "faq" and plain and SAID_OF_US.search(text) and not QUESTION.search(text) \
            and not ASKS_ABOUT.search(text):
        # "our server died and we lost a week of orders, I want backups that actually work": a wish of the
        # company's, told; the classifier, which learned the topics from questions about them, takes many for one.
        return "inform", "states facts about the company"
    if (intent in MISREAD_AS or (intent == "affirm" and not AFFIRMING.search(text))
            or (intent == "ask_why" and why_in_passing(text))) and not QUESTION.search(text) and (
            headcount or len(plain) >= 2 or (facts and SAID_OF_US.search(text))):
        # (a "why" that asks nothing: "our office is in Westlands just off why acky way", dictated)
        return "inform", "states facts about the company"
    if intent == "nlu_fallback" and plain and not QUESTION.search(text):
        # "helpdesk pls", "same tz", "full controll pls": too short for the classifier to be sure, but it names a fact.
        return "inform", "names a fact"
    if intent == "nlu_fallback" and asked is None and not advised and headcount and len(plain) >= 2:
        # "we are car parts maker from Brno, 1200 people. Question: is it hybrid if we give production to a partner
        # factory?": a company told, and a question about its own case, which the advice answers
        return "inform", "states facts about the company and asks about its case"
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class StatedFactsIntent(GraphComponent):
    """Re-labels company descriptions the classifier misread as `inform`, hypotheticals as `what_if`, and
    corrections the classifier took for plain statements as `correct`."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "StatedFactsIntent":
        return cls()

    def process(self, messages: List[Message], tracker: Optional[DialogueStateTracker] = None) -> List[Message]:
        """`tracker`: the conversation before the messages (Rasa's graph passes it to a `process` that asks for
        it; empty when a message is parsed alone), for the question the bot is waiting on and whether it has advised."""
        asked = tracker.get_slot("requested_slot") if tracker is not None and tracker.active_loop_name == PROFILE_FORM \
            else None
        advised = tracker is not None and tracker.get_slot("recommendation") is not None
        known = frozenset(slot for slot in ANSWERED_BY
                          if tracker is not None and tracker.get_slot(slot) not in (None, []))
        first = tracker is None or not any(isinstance(event, UserUttered) for event in tracker.events)
        for message in messages:
            intent = message.get(INTENT) or {}
            facts, headcount = stated_facts(message)
            readings = told_readings(message)
            hinted = frozenset(kind for kind in READ_KINDS
                               if (readings.get(kind) or [{}])[0].get("confidence", 0) >= GUESS)
            faq_score = next((ranked.get(PREDICTED_CONFIDENCE_KEY) or 0.0 for ranked in message.get(INTENT_RANKING_KEY)
                              or [] if ranked.get(INTENT_NAME_KEY) == "faq"), 0.0)
            change = relabel(message.get(TEXT) or "", intent.get(INTENT_NAME_KEY), facts, headcount,
                             tagged_facts(message), message.get("unsure") or 0.0, asked, advised, known, hinted,
                             first, faq_score)
            if change:
                name, why = change
                message.set(INTENT, {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
                message.set("relabelled", {"from": intent.get(INTENT_NAME_KEY), "because": why}, add_to_output=True)
        return messages
