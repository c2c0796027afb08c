"""Explained holds: the agent tells the customer a silence is coming ("let me put you on a brief
hold", "one moment while I check", "bear with me for two minutes").

:class:`HoldWatcher` reads the agent's ``transcript`` events as they stream: only *committed* words
count (a partial's first ``stable`` words, or a final's words), so what it acts on never changes; a reading that
rests on where a partial's committed words end ("Hang on," before "is that ...?") waits for the next ones
(:func:`undone_by_a_remark`).
When a hold phrase appears it tells the :class:`~coach.turns.tracker.TurnTracker`, with the duration
the agent announced if they gave one ("for a minute", "two minutes", "thirty seconds"); the tracker
then does not call the silence that follows dead air for that long (see ``[turns] hold_*``). A hold
word without a duration ("please hold", "bear with me", "hang tight") covers ``hold_default_s``;
a look-up said in passing as a moment ("let me just check", "one moment while I pull that up", "give me a few
seconds") is *vague* and covers only ``hold_vague_s``: it explains a few seconds of quiet, not half a minute. A
look-up stated as a plan, with no moment asked, no softener and no work narrated ("Let me look at the treble.",
"I'll check the sound cues for that show."; :func:`plain_lookup`, session 24, H20) explains no silence: the one
after it is dead air after ``dead_air_s``, unless the customer's answer grants a wait. Look-ups are judged by
their verb frame, not a list of sentences: the agent, about to act ("let me", "I'll just", "I'm
going to", "while I"), and a desk verb ("pull up", "bring up", "look into", "check on", "find",
"follow up on", "have a look", "see if", "update"), or a progressive ("I'm just checking that",
"pulling it up now"). "Let me see." alone, "I'll look after you", "I'll follow up with you by email"
and past tenses are not look-ups. A duration is read in any form tiny.en writes it (words or
digits, "a minute or two", "two and a half minutes"); a count heard with its unit and a desk verb
still announces a hold when the request words around it were mis-heard ("good meat for 25 seconds
by like check", c157), and a request for time whose count was not heard ("give me a mouth seconds")
or "a few moments" covers ``hold_default_s``. Everyday words count too: "hang on" (and tiny.en's
"having on"; not "hang on, that's not right" nor "thanks for hanging on"), "could you wait a moment",
"I won't keep you a minute", "we won't be long", a duration asked "for me" or "please" whatever the
words before it were heard as ("... for 20 seconds for me", c194), and ringing someone else ("I'm
going to ring the engineer", "let me give the depot a call"; not "I'll call you back", nor "I'll
phone the garage tomorrow"). Asking whether the customer will wait is a hold word ("are you happy to
hold?", "are you okay to wait a moment?"; not "... wait until Monday"), and the time a task can take
is a duration ("which can take up to three minutes", "it can take a couple of minutes"; only in seconds
or minutes). Each utterance announces at most one hold, and once
more when later committed words make it firmer (a hold word after a look-up, or a duration) or
change the duration read. A moment asked of the customer ("give me a quick moment to check", c290)
is a hold of unknown length (``hold_default_s``), and so is "put you on a short hold" heard with
its words blurred ("pop them on a short fold", c304: the size word keeps it from being a fold), or asked
with no size word in a request's frame (session 26, H8, c591: "Can I put you on -fold for a mountain minute
while I ..."; the agent asking or about to put the customer on, a near rhyme of "hold", then a time, a reason
or the sentence's end; not "I'll put you on the old tariff"). A word piece's leading hyphen ("-fold") reads as
the word, one minute said with a word between "a" and "minute" ("a quick minute"; "a mountain minute" for
"about a minute") is 60 s, and "bear with me" heard with a near rhyme of "bear" ("beer with me while I ...")
is a hold word when a wait's time or reason follows it (not "a beer with me").
Words are matched, never logged.

A duration alone can announce the hold when the words around it were garbled (issue 9, c433: "bear with
me about forty seconds and I'll see which boats are free" written "will we make about 40 seconds, and I'll
see which boat's after it"): in an utterance's *final* (``classify_hold(..., whole=True)``), a count of
seconds from ten to ninety-nine ("about forty seconds", "40 seconds") or "about" a few minutes (one to
five, "a couple of", "half a") in its last sentence (the words before the silence) is a hold of that
length; not a time to wait for, a task's length, a distance or a time already past ("in about forty
minutes", "it takes about a minute", "for about twenty seconds", "about two minutes away", "about ten
minutes early", "the first 30 seconds", "that's about two minutes"). Partials' committed words never read
it: the sentence that follows may make it something else.

A hold heard only in a partial's *uncommitted* words counts too when the utterance's final lost those
words (issue 9, c400: "let me check ... two minutes" in partials, the final "It won't. It"): at the
final, when its words announce no hold or a weaker one, the firmest hold the partials heard whose
uncommitted sounds the final lost (it holds fewer than half as many words as the partial did there:
none when it was cut short, a few stretched over the turn when garbled) is announced, covering at most
``hold_heard_s``.
Only a hold word or a duration counts so: a look-up alone in a partial is too often a mis-hearing
("it takes about" heard "let's take a look"). A final that re-heard the phrase's sounds as other
words (a partial's mis-hearing corrected) announces nothing: the silence after it stays dead air.

The customer's answer can confirm a hold the recogniser garbled (issue 9, c424: "I'll put you on hold
for about two minutes while I go through it" written "I'll put you on the phone and I'll do minutes
while I go through it", answered "Yes, of course. Take your time."): when the customer's final agrees
to a wait ("take your time", "no rush", "no hurry", "I'll hold", "I'll wait", "I'll hang on", "go
ahead"; at a clause's end, so not "take your time with the form", "no rush on the payment", "I'll wait
for the letter") and begins within ``hold_answer_s`` of the end of an agent turn that asked to check or
look (any hold reading of its final, a look-up included, or a hold its partials heard), a hold is
announced at the customer's words: the duration the agent's final named, read with a count tiny.en
wrote as a homophone of "two" ("do minutes", "to minutes"), else the firmest duration the turn's
partials heard (even one the final re-heard as other words: the customer's answer says a wait was
asked for), capped at ``hold_heard_s``, else ``hold_default_s``. It covers only a silence that begins
within ``hold_answer_s`` of the answer (an agent who talks on is not on hold). "Okay" or "that's fine"
alone agree to nothing: the silence after them stays dead air. "Your" counts as tiny.en may write it
("take over time", "take ya time"; issue 9, c472: "Could you hold for about a minute while I check with our
planning team?" written "Can you vote for an outcome in its while I check ...", answered "Of course, take
over time."), and when the agent's turn ended on a question, an answer that is only a grant ("Of course.",
"Sure, no problem.", "Not at all.") agrees to the wait too; not one that goes on to answer the question
("Of course, it's the one with the blue door"), nor a grant of a turn that asked nothing; "that's fine" is such a
grant too (session 22, Q20: "... so I'll pop you on hold, is that okay?" "That's fine."), alone it still agrees
to nothing.

A duration spent at the desk is a hold whatever the words around it were heard as (session 22, Q20, c498:
"it'll take me a couple of minutes on the system, so I'll pop you on hold" written "It will take me a couple of
minutes on the system. So I'll pop you on to it."): the agent's own time ("it will take me / us a couple of
minutes"), or a count spent "on the system" (the computer, the database, the records); pricing a job ("let me
price that up", "I'll get you a revised quote") is a look-up ("give me two ticks" stays one too). Not a wait
already had ("I spent twenty minutes on the system yesterday", "the system was down for ten minutes"), nor a
task's length in the present ("it takes a couple of minutes to install": the silence after it stays dead air).

A grant agrees to a hold asked as a question the recogniser wrote as a statement (session 23, H19, c522: "...
It'll take about a minute, is it okay if I pop you on hold?" written "... let me check in the road to win them.
That'll take a moment and then it'll take a pipe off your own cold.", its partials "... it'll take a few
minutes", answered "Yes, no problem."): when the turn's partials heard a firmer hold than its final reads (a
hold word or a duration the final re-heard as other words), a bare grant counts as it does after a question; a
turn whose final holds its own hold keeps it at the agent's words, and a look-up alone granted stays a look-up.
A customer's question after a look-up said in passing ends it (session 23, H19, c509: "I'll check with the
conservation officer first" ... "Okay. When could you come out for the survey?"): the silence after the
question is the agent's to fill, dead air after ``dead_air_s`` (:meth:`TurnTracker.customer_asked`); a hold
word or a duration still covers a silence after a question ("Okay, will it be long?").

A hold asked in hold words alone, with no duration heard and no word sizing it as short (session 29, G16, c642: "It
may take a minute or two, can you hold on for me?" heard "It may be coming in for two. Can you hold on for me?", a
hold kept 44 s) covers ``hold_word_s`` (60 s), not ``hold_default_s`` (:func:`hold_word_only`: "Can you hold on for
me?", "I'll just pop you on hold while I ring the yard"; a moment asked, "give me a moment", "hold on a sec", "two
ticks", "a brief hold", keeps ``hold_default_s``). The length said first and the hold words after it in the same
sentence is the hold's ("It'll be a minute or two, bear with me", "Only a couple of minutes, can you hold?";
``_LEADING_DURATION``). A wait asked in "minutes" whose count was heard as other words ("Would you mind holding for a
couple of minutes while I ask him?" heard "Would you mind calling the record a lot of minutes while I ask him?",
c666) is a hold of two minutes; and "holding for a couple of minutes" / "okay to hold for a few minutes" now read
(the "for a ..." of another wait, "happy to wait for a refund", still does not).

A count straight after "hang on" / "hold on" asks for a wait (session 32, H21, c697: "Hang on two secs while I check
..." heard "hang on to sex while I check ..."): "hang on two secs", "hold on 5 minutes", with "two" as "to" / "too" and
"secs" heard as "sex" after a count; a few seconds is a moment asked (``hold_default_s``), minutes are the duration.
Not "hang on to the receipt". A wait asked in "minute" whose count was garbled (c711: "Can you hold for about a minute
while I walk over and ask her?" heard "Can you vote for an out -of -minute while I walk over and ask?") is a hold of
one minute, as G16's "minutes" is one of two; not "in a minute", "every minute".

Everyday words for the agent's short time away (session 34, H23, c769: "Hang fire a moment." read as no hold): "hang
fire" / "hang about" / "stay put" / "stick with me" asked as "hang on" is (:data:`_WAIT_ASKED`), "pop you on mute",
"leave you on the line", "keep holding", "I'll only be a minute" (the agent's own time ending its clause), "I'll be
back in half a minute / in no time", "(I'll be) with you in a sec", "I'll be right with you", "won't be a moment"
without its subject; "two shakes", "a jiffy", "in no time" and "right with you" size a hold as short. Not a decision put
off ("hang fire on the order until Monday"), what is sent ("it should be with you in a minute"), a visit, or a time
late or away ("I'll be a minute late").

Work under way at the desk, over any verb (session 37, H26): "let me just scroll down to your order", "I'm just keying
that in", "Just typing that up.", "the system's a bit slow today" are a look-up said in passing (``hold_vague_s``)
where nothing else reads: the agent about to act now, softened, or the work narrated as under way, with any verb but
one of talk or mind ("let me just say", "I'm just wondering"), or the machine's own wait (``_DOING``). A wait asked
for "minutes" ending its sentence with the count garbled ("Can you hold for about two minutes?" heard "Can you hold
for them out through minutes?", c858) is two minutes, as the unheard minutes with the errand after them are.

A check-in inside a hold keeps it (session 42, B2): the agent speaking during a hold ends it (they are back), but an
utterance that only says the wait goes on ("Still with me? Nearly there.", "Sorry, still checking with the
warehouse.", "won't be much longer"; :func:`check_in`, its clauses in ``hold_check_ins.toml``) covers the silence after
it for what was left of the hold's time, at least ``hold_default_s``
(:meth:`~coach.turns.tracker.TurnTracker.check_in`); one that asks a new time is a hold of that time ("Still with me?
Another minute or two.": a question's mark is a stop, so the time asked opens its clause). The agent's return with
news ("Thanks for holding, I've found it ...") still ends the hold, and the same words said outside a hold explain
nothing.

A wait agreed to when only its errand was heard (session 48, H27, c1118: "Could you hold for about a minute while I
count what's on the shelf downstairs?" heard "... come to your own for them out. I mean, it's while I count it. ...",
answered "Yes, go ahead."): an agent's final that reads no hold but names what the agent will do while the customer
waits ("while I count it", "whilst I sort through the boxes"; :data:`_WORK_WHILE`: the agent, any verb but talk's, not
a past or a state) announces nothing itself, but the customer's answer agreeing to a wait grants it: of
``hold_word_s`` when no word sized it short, as a wait asked in hold words alone, else ``hold_default_s``. And the
customer's own "I'll ... on" ending the answer agrees to a wait whatever its verb was heard as (c1117: "Sure, I'll hang
on." heard "Sure, I'll send you on."; "I'll put the kettle on"; :data:`_ON_MY_SIDE`); not "I'll pass that on", "I'll
log on", a refusal or a question.

A hold's time and its errand read a hold when the hold words between them were lost (session 52, H1, c1214: "That'll
be roughly a minute on hold while I look" heard "I'll be roughly a minute on total while I look", the customer's grant
withheld): a short time (seconds, or minutes up to five), one or two words, then "while / whilst I / we" and a desk verb
is a hold of that time (:data:`_DURATION_ERRAND`); not a visit or a job ("ten minutes in your loft while we check"), a
task after the time ("a minute to warm up while I check"), nor a past ("a minute on hold while I looked"). So is a hold
asked for such a time with "hold" heard as any one word: the customer put "on" it ("I'll put you on told for about a
minute", :data:`_PUT_ON_FOR`; not "on the new tariff for twelve months"), or asked with "on" after it or the errand told
after it in a final ("Can you cold on for about a minute?", "If you can total for half a minute, I'll check ...";
:data:`_REQUESTED_DURATION`; not the customer's own task, "if you can log on for a minute, I'll check your account").
And the agent back in a moment with "back" or "right" heard as another word ("I'll be bag with you shortly", "I'll be
pack in a tick"): one word, then "with / to you" and "shortly" or a moment's time, or a moment's time straight after it
(not a verb's "-ing", a place or a state: "we'll be closing in a minute", "I'll be in touch with you shortly").

A hold's time said as a sentence of its own, the request around it garbled (session 53, H2, c1202: "Give me fifteen
seconds, I'll just pop out to the loading bay." heard "Good meeting 15 seconds. I'll just pop out to the login way."):
in a final, at most three words and a hold's time, straight before a sentence that reads a hold or one opened by the
errand that fills the time ("To check the board."), is that hold's length (:data:`_TIME_ALONE`); it announces no hold
alone, and a copula's, a task's or a later time is none ("That's 15 seconds.", "It takes two minutes.").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coach.types import Event, Lane, seconds_to_samples

if TYPE_CHECKING:  # only for annotations: importing the tracker here made coach.language -> holds -> tracker -> cut_in
    from coach.turns.tracker import Found, TurnTracker  # -> coach.language a loop (session 35, H24)

_GOING_ON = (  # what follows "hang on," when it asks the customer to wait
    r"(?:let|let's|i'll|i will|we'll|i'm (?:just|going|gonna)|i just|i need|we need|one|just|a|while|whilst"
    r"|please|bear|give|stay|two|i've got to|i have to)\b"
)
# "wait a minute, that's not right", "hang on, you said Tuesday?": a remark follows, not a wait
_NOT_A_REMARK = (
    r"(?![,.!?]? (?:that|that's|this|these|those|it|it's|is|was|you|you've|what|no|sorry|hang|hold|wait|actually"
    r"|where|why|how|did|didn't|i think|i thought)\b)"
)
# "hang on two secs", "hold on 5 minutes" and "two" heard as "to" / "too" (session 32, H21, c697: "hang on two secs
# while I check ..." written "hang on to sex while I check ..."): a count and its unit straight after "hang on" ask
# for a wait; not "hang on to the receipt", "hold on to your ticket" (no unit)
_ON_FOR_A_COUNT = (
    r",? (?:just |about |another )?(?:\d+|to|too|a few|a couple of) (?:more )?(?:second|sec|minute|min|tick)s?\b"
)
# a request to the customer: "can you", "would you be able to", "is it okay if you", "I'll need you to" ...
_ASKED_FRAME = (
    r"(?:(?:can|could|would|will|if) you (?:can |could |would )?|(?:do|would) you mind |(?:i'll|i will|i'm going to"
    r"|i need to|i have to|i've got to|can i|may i|could i) (?:have to |need to |just )?ask you to "
    r"|(?:are|were) you (?:okay|ok|alright|all right|happy|fine|able|willing) to"
    r" |(?:would|will) you be (?:okay|ok|alright|all right|happy|fine|able|willing) (?:to )?"
    r"|(?:is it|is that|would it be|would that be) (?:okay|ok|alright|all right|fine) (?:to|if you) |i need you to"
    r" |i'll need you to )"
    r"(?:just |please |kindly |quickly |possibly )*"
)
# A wait asked for in minutes whose count was not heard, read as minutes (:data:`_UNHEARD_MINUTES_S`), in one of two
# shapes; each is the request's frame, the count's garbled words and "minute(s)", and neither is a time from now or a
# rate ("... in a minute while I ...", "in 5 minutes", "every minute", "could you ring back in a few minutes"):
_UNHEARD_MINUTES = (
    r"(?:"
    # - the agent's errand after it (session 29, G16, c666: "Would you mind holding for a couple of minutes while I
    #   ask him?" heard "Would you mind calling the record a lot of minutes while I ask him?"): the frame (or "bear
    #   with me"), up to six words, "minute(s)", "while I" and the errand ("ask / check / ring / find out ...");
    r"(?:mind|(?:bear|bare) with (?:me|us)|(?:can|could|would|will) you)(?: [\w']+){1,6}"
    r"(?<! in)(?<! in a)(?<! in an)(?<! in \d)(?<! in \d\d)(?<! every)(?<! each)(?<! per) (?:minutes?|mins?)"
    r" (?:while|whilst) (?:i|we)(?:'ll| will)? (?:just |quickly |go and |quickly go and )?"
    r"(?:ask|check|call|ring|phone|find|speak|talk|get|look|see|pop|nip|run|pull|have|go|sort|try|walk|head|step"
    r"|dash)\b"
    r"|"
    # - asked to end its sentence, no errand after it (session 37, H26, c858: "Can you hold for about two minutes?"
    #   heard "Can you hold for them out through minutes?"): a request (any frame of :data:`_ASKED_FRAME`: "would
    #   you be able to", "is it okay if you", "I'll need you to", session 38, H27), a verb of waiting, "for", one to
    #   three garbled words and "minute(s)" ending the request; not a wait with words after it ("hold for the next
    #   minutes of the film")
    r"(?:mind |" + _ASKED_FRAME + r")(?:hold|wait|hang on|holding|waiting"
    r"|hanging on|bear with (?:me|us))(?: on)? for(?! (?:in|every|each|per|the)\b)(?: (?!in\b|every\b)[\w']+){1,3}"
    r" (?:minutes?|mins?)(?=[.?!,]?$|,? (?:please|for me|for us|is that|if that)\b)"
    r")"
)
_UNHEARD_MINUTES_S = 120.0
"""What a wait asked in "minutes" whose count was not heard covers: two minutes, the least a plural count says. One
asked in "minute" (session 32, H21, c711: "Can you hold for about a minute while I walk over and ask her?" heard "Can
you vote for an out-of-minute while I walk over and ask?", or "... for another minute while ...") covers one minute."""
# what "for a" / "for the" opens in a wait on the line ("hold for a moment", "holding for a couple of minutes"), not
# in another wait ("wait for the engineer", "happy to wait for a refund")
_A_WAIT = r"(?!moment|minute|second|sec|couple|few|bit|little|quick|short|brief)"
# a time too long to be a hold: a return or a visit ("back in a few days", "in about a week", "in 2 hours")
_LONG_UNIT = r"(?:hour|day|week|fortnight|month|year)"
_LATER_WORDS = r"(?: (?:a|an|few|couple|of|than|about|around|just|\d+))*"
_NOT_LONG = r"(?!" + _LATER_WORDS + r" " + _LONG_UNIT + r"s?\b)"  # what follows is no time hours or days away
# what follows a request to wait ("hang fire", "stay put", "stick with me") when it asks for the line: the sentence's
# end, a short time, the errand or "please"; not a time hours or days away ("hang fire for a week")
_WAIT_ASKED = (  # not at a partial's committed end: "we'll hang about" may go on "... until the fitter comes"
    r"(?=\.|,$| (?:a|one|just|please|while|whilst|i|let|for (?:a|an|one|\d+|just|half|about))\b"
    + _NOT_LONG
    + "|, "
    + _GOING_ON
    + "|"
    + _ON_FOR_A_COUNT
    + ")"
)
_TOLD_BEFORE_WITH = (
    *("speak", "spoke", "spoken", "speaking", "talk", "talked", "talking", "chat", "chatted", "chatting"),
    *("come", "came", "coming", "walk", "walked", "walking", "sit", "sat", "sitting", "stayed", "staying", "waited"),
    *("be", "is", "are", "was", "were", "been"),
)
"""Words before "with me / us for a minute" that make it a talk, a visit or a stay, asked or told, not "bear" heard
as another word (the hold request of c1096, session 47): "He spoke with us for a minute.", "She stayed with me for a
few minutes." (session 48, R12: only the base forms were excluded, so the told forms read as a hold of 60-180 s)."""
_MOMENT = r"(?:tick|sec|second|moment|mo|jiffy|minute|min|shake)s?"  # a moment's unit, one said short
_EXPLICIT_PHRASES = (  # a hold word: the customer is asked to wait
    r"(?:put|place|placing|putting|pop|popping) you on (?:a |an )?(?:(?:very )?(?:brief|short|quick|little) )?"
    r"(?:hold|mute|pause)",  # "pop you on mute for a sec" (session 34, H23): the customer told a silence is coming
    # the same with its words mis-heard (c304: "pop them on a short fold"): the customer heard as
    # "them"/"ya", "hold" as a near rhyme; only with a size word, which a hold has and a fold seldom does
    r"(?:put|place|placing|putting|pop|popping) (?:you|ya|them) on (?:a |an )?(?:very )?(?:brief|short|quick|little)"
    r" (?:hold|fold|hole|holt|old|whole)",
    # the same asked or promised with no size word (session 26, H8, c591: "Can I put you on hold for about a
    # minute" written "Can I put you on-fold for a mountain minute"): the request's frame (the agent asking, or
    # about to put the customer on), a near rhyme of "hold" and then a time, a reason or the sentence's end;
    # not "I'll put you on the old tariff", "we can put you on whole life cover"
    r"(?:(?:can|could|may|shall) (?:i|we)|(?:i'll|i will|we'll|we will|let me|let us|i'm|i am|we're)"
    r"(?: (?:just|going to|gonna|about to|quickly|now))*) (?:just |quickly )?(?:put|place|pop) (?:you|ya|them)"
    r" on[- ](?:a |an )?(?:fold|hole|holt|old|whole|holed|hoed|hode|hol)"
    r"(?=[,.?!]|$| (?:for|while|whilst|as|just|one|please|so|and|then|if|is|okay|ok|now)\b)",
    # a moment asked of the customer, with or without a size word ("give me a quick moment to check",
    # c290; "give me one moment"): a wait of unknown length, like "bear with me"; "give me a second" and
    # "one moment" said in passing stay vague
    r"(?:give|allow) (?:me|us) (?:just )?(?:a|one) (?:(?:very )?(?:quick|brief|short|little|wee|tiny) )?moment",
    r"(?:please|brief|short|quick) hold",
    r"(?:(?<=^)|(?<=[,.!?] ))(?:just )?hold,? please",  # "Hold please."
    # asked in other words (session 34, H23): "can I ask you to hold?", "you're going on hold for a sec", "you'll hear
    # a bit of hold music"; not "I'll ask you to hold the ladder"
    r"ask(?:ing)? you to (?:just )?(?:hold|wait|bear with)(?=[,.]|$| (?:for|on|a|one|just|please|while|whilst|me|us)\b"
    r"(?! on to))",
    r"(?:you're|you are) (?:going|goin) on (?:a )?(?:(?:very )?(?:brief|short|quick|little) )?hold",
    r"you'll (?:just )?hear (?:some|a bit of|a little|a little bit of|the) (?:hold )?music",
    r"hold the line",
    # "hang on" / "hold on" and tiny.en's hearings of them ("having on", c194); after a comma only a
    # continuation ("hang on, let me look"), not a remark ("hang on, that's not right"); not a wait already had
    # ("you've been hanging on twenty minutes", "you were holding on for ages")
    r"(?<!the )(?<!a )(?<!for )(?<!been )(?<!were )(?<!was )(?:hold|hang|holding|hanging|having|haud|hing|howld) on"
    r"(?=\.|,?$| (?:a|one|just|please|for|while|i|let)\b|, "
    + _GOING_ON
    + "|"
    + _ON_FOR_A_COUNT
    # "hang on there a sec", "hold on there." (session 34, H23); not "hold on there, you said Tuesday" (a remark)
    + r"| there(?:\.|,$| (?:a|one|just|please|for|while|i|let)\b|, "
    + _GOING_ON
    + "))",
    r"(?:hang|hold|sit) tight",
    # "hang fire" asked as "hang on" is ("Hang fire a second.", "hang fire while I look"; session 34, H23); not a
    # decision put off ("we'll hang fire on the order until Monday", "hang fire for a week")
    r"hang (?:fire|about)" + _WAIT_ASKED,
    # "stay put" / "stick with me" asked of the customer (session 34, H23: "Stick with me a sec.", "Could you stay
    # put while I ring the yard?"): said at a sentence's start or asked; not "the price will stay put", "stick with
    # me on this one" (no wait after it)
    r"(?:(?:^|(?<=[,.!?] ))(?:(?:okay|ok|right|so|just|please|now) )*|(?:can|could|would|will) you (?:just |please )?)"
    r"(?:stay put|stay there|stick with (?:me|us))" + _WAIT_ASKED,
    # left on the line ("Can I leave you on the line for a minute?", "leave it with me a sec")
    r"leave (?:you|ya) on the line",
    r"leave it with (?:me|us) (?:for )?(?:just )?(?:a|one|\d+|a couple of|a few|half a) (?:more )?"
    r"(?:moment|sec|second|minute|min|tick|mo)s?\b",
    # the agent away from the phone for a short time ("I'm just going to step away for a minute")
    r"(?:(?:step|nip|pop|dash) (?:away|off)(?: from (?:the|my) (?:phone|desk))?"
    r"|(?:i'll|i will|i'm (?:just )?going to|let me|i need to|i have to|i've got to) (?:just )?put (?:the|my)"
    r" (?:phone|receiver|handset) down) (?:for )?(?:just )?"
    r"(?:a|one|\d+|a couple of|a few|half a) (?:moment|sec|second|minute|min|tick|mo)s?\b",
    # asked to go on holding ("keep holding for me", "can you continue to hold?"); not a button held down
    r"(?:keep|continue) (?:holding|hanging on|to hold)(?=[,.]| (?:for|a|one|just|please|while|whilst|on the line)\b)",
    # asked whether they will wait ("are you happy to hold?", "are you okay to wait?"); not "are you happy
    # to wait until Monday" (a date, not the line)
    r"(?:are|were|would) you (?:be )?(?:happy|okay|ok|alright|all right|fine|able|willing) (?:to )?(?:hold|wait)"
    r"(?! (?:until|till|for (?:the|a|an) " + _A_WAIT + "))",
    r"(?:bear|bare) with (?:me|us)",  # "bare" as a recogniser may spell it
    r"(?:bear|bare) with(?=[,.])",  # clipped: "Bear with, bear with."
    # "bear" heard as a near rhyme (session 26, H8): only in the request's shape, a wait's time or reason after it;
    # not "a beer with me" (a drink)
    r"(?<!a )(?<!the )(?:beer|bair|bury|berry|bar) with (?:me|us)"
    r"(?=[,.?!]|$| (?:while|whilst|for|a|one|just|two|\d+|please|and (?:i'll|i will)|i'll)\b)",
    # "bear" heard as any other word when a short time ends the request (session 47, lead, c1096: "Could you bear
    # with me for about a minute?" heard "Good new man with me for a minute."): "... with me / us for" a few seconds
    # or minutes ending the sentence; not a talk or a visit ("speak with me for a minute", "come with me for a sec"),
    # nor a stay told ("he was with me for a minute"; _TOLD_BEFORE_WITH)
    "".join(rf"(?<!\b{w})" for w in _TOLD_BEFORE_WITH)
    + r" with (?:me|us) for (?:about |just )?(?:a|one|two|a couple of|a few|\d+)"
    r" (?:minute|moment|sec|second|tick)s?(?=[.?!]|$)",
    r"stay (?:on the line|with me)",
    r"(?:don't|do not) (?:hang up|go anywhere)",
    # the same said without its subject at a sentence's start ("Back in two ticks.", "Right, back in a sec.", "Be
    # right back."; session 33, H22); not "the money will be back in a second" (mid-sentence)
    r"(?:(?<=^)|(?<=[,.!?] ))(?:(?:and|right|okay|ok|so|just) )?(?:be )?(?:right |straight )?"
    r"(?:back(?: with you| to you)?|with you) in"
    r" (?:a|one|two|\d+|just a|a couple of|a few|half a) (?:tick|sec|second|moment|mo|jiffy|minute|min|shake)s?",
    r"(?:(?<=^)|(?<=[,.!?] ))be (?:right|straight) back",
    r"(?:i'll|i will|we'll|we will) (?:come|get) (?:right |straight )?back on the line",
    # "I'll come right back to you", "I'll get back to you in a sec" (session 34, H23): back on the line in a short
    # time; not a call back later ("I'll get back to you tomorrow", "... in a couple of days")
    r"(?:i'll|i will|we'll|we will|and) (?:just )?(?:come|get) (?:right |straight )?back (?:on )?to you"
    r" in (?:just )?(?:a|one|2|\d+|a couple of|a few|half a) (?:tick|sec|second|moment|mo|jiffy|minute|min|shake)s?\b",
    r"(?:i'll|i will|we'll|we will|and) (?:just )?(?:come|get) (?:right|straight) back to you"
    r"(?=[,.]| (?:now|shortly)\b)",
    r"(?:(?<=^)|(?<=[,.!?] ))(?:(?:and|right|okay|ok|so|just) )?(?:be )?back (?:shortly|momentarily)",
    # the agent back on the line in a moment, said as "with you" ("I'll be with you in a sec", "I'll be right with
    # you"; session 34, H23); not what is sent ("it should be with you in a minute"), nor a visit ("he can be with
    # you in about forty minutes")
    r"(?:i'll|i will|we'll|we will) be (?:right )?with you(?: again)? in (?:just )?(?:a|one|2|\d+|a couple of|a few"
    r"|half a) (?:tick|sec|second|moment|mo|jiffy|minute|min|shake)s?\b",
    r"(?:i'll|i will|we'll|we will) be (?:right )?with you"
    r"(?=[,.!?]| (?:now|while|whilst|shortly|momentarily)\b)",  # not "we'll be with you" + "between 8 and 12"
    # the same with "back" / "right" heard as another word (session 52, H1: "I'll be back with you shortly" heard "I'll
    # be bag with you shortly", "I'll be back in a tick" heard "I'll be pack in a tick"): one word, "with / to you" and
    # "shortly" or a moment's time, or (not a verb's "-ing": "we'll be closing in a minute") a moment's time straight
    # after it. Not a place or a state ("I'll be in touch with you shortly", "we'll be out with you in a minute",
    # "I'll be free in a minute")
    r"(?:i'll|i will|we'll|we will) be (?!(?:there|out|over|round|around|up|down|home|in|on|off|along|across|through"
    r"|done|finished|free|busy|late|early|away|gone|here|ready|open|closed|a|an|the|just|only|about)\b)[a-z']+"
    r"(?: (?:with|to) you (?:shortly|momentarily|in (?:just )?(?:a|one|2|\d+|a couple of|a few|half a) "
    + _MOMENT
    + r")|(?<!ing) in (?:just )?(?:a|one|2|\d+|a couple of|a few|half a) "
    + _MOMENT
    + r")\b",
    # the agent's own time away, said alone ("I'll only be a minute.", "I'll just be two ticks", "I'll be thirty
    # seconds"; session 34, H23): "I'll be" and a short time ending its clause; not a time late, away or spent
    # ("I'll be a minute late", "we'll be two minutes away", "I'll be five minutes on the phone to them")
    r"(?:i'll|i will|we'll|we will) (?:only |just )?be (?:about |around |roughly |maybe |under |less than )?"
    r"(?:a|one|\d+|half a|a couple of|a few) (?:more )?(?:tick|sec|second|moment|mo|jiffy|minute|min)s?"
    r"(?: or (?:so|\d+|a couple|two))?(?=[,.!?]| (?:at most|tops|max|while|whilst|and|so|just|please)\b)",
    # "I'll be back in a tick / in 2 minutes / shortly"; not a return days away, a visit (session 33, H22: "I'll be
    # back in a few days", "we'll be back in about a week to fit it" read as holds of 60 s before)
    r"(?:i'll|i will|we'll|we will) be (?:right |straight )?back"
    r"(?: with you| to you| on the line)?"
    r"(?= in (?:a|one|\d+|just|about|around|roughly|maybe|like|under|less|half|no time)\b"
    + _NOT_LONG
    + r"|[,.]|$| shortly| momentarily)",
    # "I'll be back with the details in a minute" (session 34, H23): only with a short time after it
    r"(?:i'll|i will|we'll|we will) be (?:right |straight )?back with (?:the|your|an?|some) [\w']+(?: [\w']+)?"
    r"(?= in (?:a|one|\d+|just|about|around|roughly|maybe|like|under|less|half|no time)\b" + _NOT_LONG + ")",
    r"(?<!in )(?<!in a )(?:a few|a couple of|few|several) (?:more )?moments",  # "give me a few moments": a hold
    # more time asked on its own, as a check-in inside a hold is ("Sorry, just another minute.", "Thanks for holding,
    # another two minutes or so.", "Just a couple more minutes, sorry."; session 41, B1): at a clause's start, ending
    # it; not more of something else ("another few minutes of your time", "another minute and I'd have missed it")
    r"(?:(?<=^)|(?<=[,.!?] ))(?:(?:sorry|okay|ok|right|so|and|still|thanks) )?(?:just |only |about )?"
    r"(?:another|one more|a couple more|a few more|\d+ more|another couple of|another few|another \d+)"
    r" (?:minute|min|second|sec|moment|tick|mo)s?"
    r"(?=[,.!?]|$| (?:or so|or two|or \d+|please|sorry|for me|and i'll|while i|tops|at most|max)\b)",
    # "could you wait a moment for me", "if you can hold for half a minute" (c171); not "can you wait for
    # the engineer", "if you hold the button"
    r"(?:can|could|would|will|if) you (?:can |could )?(?:just |please |kindly )?(?:wait|hold)"
    r"(?= (?:there|here|on the line|a|one|\d+|half|a few|a couple|for (?:a|one|\d+|half|just|me|us)|just|please"
    r"|while)\b|[,.?]|$)",
    # asked to wait for a time ("hold for two minutes", "wait a moment"); not a wait already had ("on
    # hold for twenty minutes", "you had to wait for an hour")
    r"(?<!on )(?<!a )(?<!the )(?<!had to )(?<!have to )(?<!having to )(?:hold|wait)(?: on)? (?:for )?"
    r"(?:just |about |around )?(?:a|an|one|\d+|half a|half an|a few|a couple of) (?:more )?"
    r"(?:moment|second|sec|minute|min|tick|mo)s?\b" + _NOT_A_REMARK,
    # "would you mind holding", "do you mind waiting a moment"; not "mind waiting in for the fitter"
    r"mind (?:holding|waiting|hanging on)"
    r"(?! (?:in\b|on to|onto|until|till|for (?:the|a|an) " + _A_WAIT + "))",
    # a wait asked for in minutes whose count was not heard (its errand after it, or ending the request): read as
    # minutes (:data:`_UNHEARD_MINUTES`). Not a past wait ("... while I was")
    _UNHEARD_MINUTES,
    # "I won't keep you a moment", "we won't be long", "I shan't be a minute"
    r"(?:(?:i|we) |(?:(?<=^)|(?<=[,.!?] ))(?:(?:and|right|okay|ok|so|just|sorry) )?)"
    r"(?:won't|will not|shan't|shall not) (?:keep you|be)(?: waiting)?"
    r" (?:(?:very |too )?long|(?:a|one|two|\d+|a couple of|a few) (?:moment|minute|min|second|sec|tick|mo|jiffy)s?)",
)

# A look-up or a desk action judged by its verb frame (issue 9): the agent says they are about to do
# something at their desk ("let me pull up your account", "I'll just look into that for you", "I'm
# checking that now", "while I find it"). Vague unless a hold word or a duration comes with it.
_INTENT = (  # who is about to act: the agent, now
    r"(?:let me|let's|let us|allow me to|i'll|i will|we'll|we will|i'm (?:just )?going to|i am (?:just )?going to"
    r"|i'm (?:just )?gonna"
    r"|we're going to|i'm about to|i need to|we need to|i've got to|i have to|i'd like to|i want to"
    r"|while i|whilst i|as i|so i can|when i)"
)
_MANNER = (
    r"(?:(?:just|quickly|now|very|first|also|briefly|quick|go|ahead|and|try|to|re|double|then|please|run|nip|pop|dash"
    r"|upstairs|downstairs|across|off|away) )*"
)
# Ringing someone else while the customer waits ("I'm going to ring the engineer on the other line",
# "let me give the depot a quick call", "I'll try the warehouse"): a third party, never "you" ("I'll
# call you back"), and not for later ("I'll phone the garage tomorrow", "... and call you back").
_LATER = (
    r"(?:back|tomorrow|later|tonight|next|this (?:afternoon|evening)|when|once|after|in (?:a|an|\d+|half|about)"
    r"|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)"
)
_PHONE_SOMEONE = (
    r"(?:(?:ring|call|phone|contact|try|get hold of|get in touch with|get on to|get onto|get through to)"
    r" (?:the|my|our|their|his|her|your|a)"
    r"|give (?:the|my|our|their|his|her|your|a) (?:[\w']+ ){1,2}a (?:quick )?(?:ring|call|bell|buzz))"
    r"(?!(?: [\w']+){0,4} " + _LATER + r"\b)"
)
_LOOKUP_VERBS = (  # base forms, with the words that make them a look-up
    r"(?:double[- ]?)?check(?! out\b)",
    r"look(?! after| forward| like| out for)",
    r"(?:take|have) a (?:quick |closer |little |proper )?"
    r"(?:look|peek|peep|butcher's|gander|nosey|nosy|squint|shufti|glance|think)",
    r"do the (?:sums|maths|math)",
    r"(?:pull|bring|call|load|dig|root|fire|open|look|get|grab|fetch|find|track|chase|follow)"
    r"(?: (?!up\b|out\b)[\w']+){1,3} (?:up|out|down)",
    r"(?:pull|bring|call|load|dig|root|fire|open|get|grab|fetch|find|track|chase) (?:up|out|down)",
    r"follow up(?! (?:with you|by|next|tomorrow|later|in writing|in a))",
    r"(?:find|search|locate|access|retrieve|review|verify|confirm|investigate|query|trace|fetch|grab)",
    r"see (?:if|what|whether|where|when|how|why|about|who)",
    r"find out",
    r"(?:run|go) (?:a (?:quick )?)?(?:check|search|through)",
    r"(?:ask|speak to|talk to|consult|check with) (?:my|a|the|our)"
    r" (?:colleague|supervisor|manager|team|team leader|department|specialist)s?",
    # fetching a person to the phone ("let me just get my supervisor", "I'll go and fetch someone"; session 34, H23);
    # not one to act later ("I'll get someone to ring you", "... out to you on Friday")
    r"(?:get|fetch|grab) (?:somebody|someone|(?:my|a|the|our) (?:colleague|supervisor|manager|team leader|boss|senior"
    r"|specialist|engineer))\b(?! to\b)(?!(?: [\w']+){0,4} " + _LATER + r"\b)",
    _PHONE_SOMEONE,
    # asking the person just named (session 29, G16, c666: "... while I ask him"); not asking them to do something
    # ("I'll ask her to ring you"), nor later ("I'll ask him tomorrow")
    r"(?:ask|speak to|talk to|check with|have a word with) (?:him|her|them)\b(?! (?:to|if you|for you|back)\b)"
    r"(?!(?: [\w']+){0,3} " + _LATER + r"\b)",
    r"(?:work|figure|sort) (?:out|that out|this out|it out)",
    r"(?:update|amend|change|process|book|cancel|arrange|raise|log|submit|reset|set up|note|make a note of"
    r"|add|apply|issue|refund|correct|fix|put (?:that|this|it) through)",
    # pricing a job at the desk (session 22, Q20, c498: "let me price up a 3 metre lantern"): "price / cost
    # (that) up", "work out / put together a quote"
    r"(?:price|cost)(?: (?:up|out)| (?:that|this|it|them|those|these) (?:up|out))?",
    r"(?:get|put together|work up|draw up|prepare|do|run) (?:you )?(?:a|an|the) (?:new |revised |updated |quick )?"
    r"(?:quote|quotation|price|estimate)",
)
_PROGRESSIVE = (  # "I'm just checking that now", "pulling it up now"
    r"(?:i'm|i am|we're|we are|just) (?:just |now |still )?(?:checking|looking (?:into|up|at|for|through)"
    r"|pulling|bringing|loading|searching|finding|digging|having a (?:quick )?look|taking a (?:quick )?look"
    r"|going through|getting (?:that|it|this|your)|updating|processing)"
)
# Asking for time with a count ("give me about 20 seconds", "it'll take a couple of minutes"): the
# count is read by announced_seconds; "give me a few seconds" stays vague.
_TIME_REQUEST = (
    r"(?:give|allow) (?:me|us)|(?:i'll|i will|i|we'll|we)(?: just)? need"
    r"|(?:it|this|that|which)(?:'ll| will| should| might| may| can| could| would)(?: usually| normally)?"
    # the agent's own time at the desk ("it will take me a couple of minutes", c498; "... take us two minutes")
    r" (?:only |just )?take(?: (?:me|us))?"
)
_COUNT = r"(?:(?:\d+|an|a|one)(?: (?:or|to) \d+)?|half a|half an|a couple of|a few|few)"  # number words are digits
_UNIT = r"(?:second|sec|minute|min)s?(?: or so| or \d+| and a half)?"
# A duration and what it is for ("... thirty seconds to check the workshop board", "half a minute
# while I look"): the request for time itself may be mis-heard ("give me a mouth 30 seconds", c113),
# the count and the desk verb after it carry the meaning. Not "back in ten minutes to confirm".
_NOT_A_WAIT = r"(?<!in )(?<!within )(?<!after )(?<!every )(?<!spent )(?<!took )(?<!waited )(?<!wasted )"
_DURATION_FOR = (
    _NOT_A_WAIT
    + _COUNT
    + r" (?:more )?"
    + _UNIT
    + r" (?:(?:to|while|whilst|so|as|and) (?:i'll |i will |i can |i |we'll |we can |we )?"
    # or up to three mis-heard words with no stop between ("for 25 seconds by like check", c157)
    + r"|(?:(?!ago |later |back |before |after |since |until |till )[\w']+ ){1,3})"
    + _MANNER
    + r"(?:"
    + "|".join(_LOOKUP_VERBS)
    + r")"
)
# A duration spent at the desk ("a couple of minutes on the system", c498, the request words around it
# garbled): the count, its unit and the desk it is spent at; not a wait already had ("spent twenty minutes on
# the system", "the system was down for ten minutes") nor a time ago or later ("... on the system yesterday")
_DURATION_AT_DESK = (
    _NOT_A_WAIT
    + r"(?<!for )(?<!been )(?<!was )"
    + _COUNT
    + r" (?:more )?"
    + _UNIT
    + r" (?:on|with|in) (?:the|our|my) (?:system|systems|computer|database|records|screen|portal|pricing tool"
    r"|pricing system|price list|stock system)(?! (?:yesterday|earlier|last|this morning|ago)\b)"
)
# A hold's length and the errand that fills it with one or two words between them that the recogniser made of the hold
# words (session 52, H1, c1214: "That'll be roughly a minute on hold while I look" heard "I'll be roughly a minute on
# total while I look"): a short time (seconds, or minutes up to five), one or two words, "while / whilst I / we" and a
# desk verb. Not a visit or a job away from the phone ("ten minutes in your loft while we check the pipes": a place
# word, a longer time), a time from now or past ("in a minute", "a minute ago while I looked"), nor a task after it
# ("a minute to warm up while I check": "to" opens another clause).
_ERRAND_GAP = (
    r"(?: (?!(?:ago|later|back|before|after|since|until|till|to|and|but|or|so|then|of|away|late|early|left|long|in|at"
    r"|on site|there|here|outside|inside|upstairs|downstairs|from|by|each|every|per|while|whilst)\b)[\w']+){1,2}"
)
_HOLD_TIME = (  # a time the line is held for: seconds, or minutes up to five (longer is a visit or a job)
    r"(?:(?:\d+|a few|a couple of) (?:second|sec)s"
    r"|(?:a|an|one|[1-5]|half a|half an|a couple of|a few|few)(?: (?:or|to) [1-5])? (?:minute|min)s?)"
    r"(?: or so| or [1-5]| and a half)?"
)
_DURATION_ERRAND = (
    _NOT_A_WAIT
    + _HOLD_TIME
    + _ERRAND_GAP
    + r",? (?:while|whilst) (?:i|we)(?:'ll| will| can)? "
    + _MANNER
    + r"(?:"
    + "|".join(_LOOKUP_VERBS)
    + r")"
)
# The customer put on hold with the hold word heard as any other word, for a time (session 52, H1: "I'll put you on
# hold for about a minute, is that okay?" with "hold" heard "told" or "goal"; the near rhymes of _EXPLICIT_PHRASES
# need no time): the agent asking or about to put / place / pop the customer "on" one word "for" a hold's time. Not a
# plan, a treatment or a tariff (a longer time: "we'll put you on the new tariff for twelve months").
_PUT_ON_FOR = (
    r"(?:(?:can|could|may|shall) (?:i|we)|(?:i'll|i will|we'll|we will|let me|let us|i'm|i am|we're)"
    r"(?: (?:just|going to|gonna|about to|quickly|now))*) (?:just |quickly |briefly )?(?:put|place|pop) (?:you|ya|them)"
    r" on (?:a |an )?[a-z']+ for (?:just |about |around |roughly |maybe )?" + _HOLD_TIME + r"\b"
)
# A duration asked of the customer ("... for twenty seconds for me", "two minutes please"): the
# request's own words are often mis-heard ("having on for 20 seconds for me", c194). Not a wait they
# already had ("you've been waiting twenty minutes for me to answer", "it took an hour for us to").
_DURATION_ASKED = (
    r"(?<!waiting )" + _NOT_A_WAIT + _COUNT + r" (?:more )?" + _UNIT + r" (?:for me|for us|please)\b(?! to\b)"
)
# A request for time whose count was not heard ("give me a mouth seconds while I check"): a hold of
# unknown length, covered like a hold word (hold_default_s). A count that was heard is read instead.
_UNHEARD_COUNT = (
    r"(?:"
    + _TIME_REQUEST
    + r") (?:just |about |around |roughly |another |maybe )*(?!"
    + _COUNT
    + r" (?:more )?(?:second|sec|minute|min|moment|tick|mo)s?\b)(?:[\w']+ ){1,2}(?:seconds|minutes)(?! of\b)"
)
_LOOKUP_PHRASES = (  # a look-up said in passing: vague unless a duration comes with it
    _DURATION_FOR,
    _DURATION_AT_DESK,
    _DURATION_ERRAND,
    _PUT_ON_FOR,
    _DURATION_ASKED,
    r"(?:just |one |a )(?:moment|second|sec|minute|tick|mo)(?: please)?,? (?:while|whilst|as) (?:i|we)",
    r"give me (?:just )?(?:a|one|\d+|a few|a couple of) (?:(?:quick|brief|little|wee) )?"
    r"(?:moment|second|sec|minute|tick|mo|jiffy|shake)s?",
    r"(?:"
    + _TIME_REQUEST
    + r") (?:just |about |around |roughly |up to |another |maybe |only )*"
    + _COUNT
    + r" (?:more )?(?:moment|second|sec|minute|min|tick|mo)s?(?! of\b)",
    _UNHEARD_COUNT,
    _INTENT + " " + _MANNER + r"(?:" + "|".join(_LOOKUP_VERBS) + r")",
    _PROGRESSIVE,
    r"(?:^|(?<=[,.] ))(?:checking|looking (?:into|up|at|for|through)|pulling|bringing|loading|searching|digging)",
    r"(?:one|just a|just one)(?: wee| quick| little| tiny)? (?:moment|second|sec|tick|mo|jiffy)",
    r"(?:(?<=^)|(?<=[,.!?] ))(?:just )?half a (?:moment|second|sec|tick|mo|jiffy)",  # "Half a mo."
    # "Just a minute, let me see." (session 34, H23): a minute asked before the look-up, not a remark ("just a
    # minute, that's not right")
    r"(?:just|one) (?:a )?minute,? (?=(?:let me|let's|i'll|i will|while i|whilst i|i'm just|i just)\b)",
    # "Just two ticks.", "Two secs, ..." (session 34, H23): the same moment counted, at a clause's start
    r"(?:(?<=^)|(?<=[,.!?] ))(?:just )?(?:2|a couple of|a few) (?:tick|sec|second|moment|mo)s(?=[,.!?]|$| (?:while"
    r"|whilst|please|and|i'll|let)\b)",
)
# A hold's duration in its usual shape ("about forty seconds", "forty seconds", "around two minutes") whatever the words
# around it were heard as (issue 9, c433: "bear with me about forty seconds and I'll see which boats are
# free" written "will we make about 40 seconds, and I'll see which boat's after it"). Read only in an
# utterance's final and only in its last sentence (the turn that precedes the silence; "a consultation, about
# forty five minutes. The chiropractor asks ..." goes on): seconds from ten to ninety-nine, or a few minutes
# at most (longer is a visit, a journey or a job, not the line). Not a time to wait for, a task's length or
# a distance ("in about forty minutes", "it takes about a minute", "for about twenty seconds with the charger
# unplugged", "about two minutes away", "about five minutes early").
_BARE_DURATION = (
    r"(?<!\bin )(?<!within )(?<!after )(?<!for )(?<!take )(?<!takes )(?<!taking )(?<!took )(?<!lasts )"
    r"(?<!\bbe )(?<!\bis )(?<!'s )(?<!\bare )(?<!'re )(?<!was )(?<!were )(?<!been )(?<!\bhas )(?<!\bhad )"
    r"(?<!waited )(?<!waiting )(?<!spent )(?<!every )(?<!have )(?<!got )(?<!last )(?<!first )(?<!next )"
    r"(?<!about )(?<!around )(?<!roughly )(?<!approximately )"  # so a count said "about" starts at "about"
    r"(?:(?:about |around |roughly |approximately )?[1-9]\d (?:more )?(?:seconds|secs)"
    r"|(?:about|around|roughly|approximately) (?:a|one|[1-5]|a couple of|a few|half a|half an) (?:more )?"
    r"(?:minutes?|mins?))"
    r"(?!')(?! (?:ago|later|late|early|away|out|from|of|before|after|each|per|to get|to drive|to walk|drive|walk"
    r"|by|on foot|in the|long|left|old|ahead|behind)\b)"
    r"(?=[^.?!]*[.?!]?$)"  # in the utterance's last sentence
)
# A wait asked for a stated time as the turn's last words, its hold verb mis-heard (session 27, G14, c618: "Would you
# mind holding for a minute or so?" written "... new mind folding for a minute or so."): the request's frame ("mind",
# or "can / could / would / will you"), one word for the verb and "for" a count and unit ending the utterance; read
# only in a final. Not a task's length ("it takes a minute or so to arrive": no request, words after it), a wait had
# ("I've been waiting for a minute or so": no request) nor a minute or so of something else with words after it
# ("could you leave it for a minute or so to settle"). The errand may follow it to the utterance's end, "while I ..."
# (session 43, B3, c1000: "Can you hold for about forty five seconds while I check how many ... we have in the
# warehouse?" heard "Can you vote for about 45 seconds while I can't how many ...", granted, a 38 s hold checked in on
# as dead air at 6 s).
_REQUESTED_DURATION = (
    r"(?:mind|(?:can|could|would|will|if) you(?: can| could)?) (?:just )?"
    # the verb as heard, not a task of the customer's own ("can you log on for a minute": the line is theirs)
    r"(?!(?:log|sign|switch|turn|plug|put|try|carry|go|come|get|hop|jump|leave|charge|boil|stir|soak)\b)"
    r"[\w']+(?: on)? for (?:just |about |around "
    r"|roughly )?"
    + _COUNT
    + r" (?:more )?"
    + _UNIT
    + r"(?: (?:please|for me|for us))?(?=[.?!]?$|,? (?:while|whilst) (?:i|we)\b[^.?!]*[.?!]?$"
    # or the errand told after it (session 52, H1: "If you can hold for half a minute, I'll check whether ..." with
    # "hold" heard as another word)
    + r"|,? (?:and )?(?:i'll|i will|we'll|let me) "
    + _MANNER
    + r"(?:"
    + "|".join(_LOOKUP_VERBS)
    + r"))"
)
_BARE = re.compile(r"\b(?:" + _BARE_DURATION + "|" + _REQUESTED_DURATION + r")\b")
# The hold's time said as a sentence of its own before the hold, the request around it garbled (session 53, H2, c1202:
# "Give me fifteen seconds, I'll just pop out to the loading bay." heard "Good meeting 15 seconds. I'll just pop out to
# the login way.", read as a look-up's moment and, granted, a hold of unsaid length: its check-in 16 s late): in a
# final, a sentence that is at most three words and a hold's time (:data:`_HOLD_TIME`: seconds, or minutes up to five),
# straight before the sentence that reads the hold, gives that hold its length. It announces no hold itself, and a time
# of something else is no length: not a copula's, a task's or a place's ("That's 15 seconds.", "It takes two minutes.",
# "In two minutes.": :data:`_NOT_A_WAIT` and the words kept out below), nor a time said after other words in its
# sentence ("The timer's set to 15 seconds.": "to", "set" and more than three words before it).
_TIME_ALONE = re.compile(
    r"(?:^|(?<=[.?!] ))(?:(?!(?:it|it's|that|that's|this|is|was|are|were|be|been|takes?|took|taking|lasts?|in|within"
    r"|after|every|for|about|around|only|just|under|over|than|ago|the|of|at|by|per|to|on|with|set|another|half|a|an"
    r"|couple|few)\b)[\w']+,? ){0,3}"
    r"(?:about |around |roughly |just |only )?(?P<d>"
    + _HOLD_TIME
    + r")(?: (?:please|for me|for us|tops|max|at most))?[.?!]"
    r" (?P<next>[^.?!]+[.?!]?)"
)
# The hold's length said as the time its errand will take, in the sentence of the hold words or the one before them,
# whoever the recogniser heard as its subject (session 41, B1, c954: "... so this will take a couple of minutes. Is it
# all right if I put you on hold for that?" heard "So, if we will take a couple of minutes, we need all right. If I put
# you on hold for that.", a hold kept for 95 s read as one of ``hold_word_s`` and nudged at 60 s): a modal's future
# ("will / 'll / should / might / can take", "is going to take"), maybe "me / us", and a count of seconds or minutes.
# Not the customer's time ("you'll take a minute to fill it in"), a time already had ("it took two minutes"), a time
# too long for a hold (:data:`_TASK_LENGTH_MAX_S`: "the fitter will take about twenty minutes to get there"), nor one
# before a look-up alone ("We'll take two minutes to fit it. Let me just check the diary." stays a look-up's moment).
_TASK_LENGTH = re.compile(
    r"(?<!\byou)(?<!\byou')(?:'ll| will| should| would| might| may| could| can| going to| gonna)"
    r"(?: (?:only|just|usually|probably|normally|likely|definitely))? take(?: (?:me|us))? "
    r"(?:(?:about|around|roughly|up to|maybe|like|under|less than|no more than) )*"
    r"(?P<d>" + _COUNT + r" (?:more )?" + _UNIT + r")\b"
)
# Minutes asked as a bare count ("give me five", "give us two while I ring the yard", "spare me ten and I'll be back";
# session 41, B1): "give / spare me" a count from one to ten ending its clause, or before the errand or a return; its
# unit unsaid is minutes. Not a count of things ("give me five stars", "give me two of those": a word after it); read
# only in a final (a partial's committed "give me five" may go on "... stars").
_GIVE_ME_COUNT = re.compile(
    r"\b(?:give|spare|allow) (?:me|us) (?:just |about |another )?(?P<n>[1-9]|10)"
    r"(?=[,.!?]|$| (?:and|while|whilst|then|so|as) (?:i|i'll|i will|we|we'll)\b)"
)
_TASK_LENGTH_MAX_S = 300.0
"""The longest errand's time read as a hold's length (five minutes): a longer one is a visit or a job, not the line."""
_UNHEARD_MINUTES_RE = re.compile(r"\b" + _UNHEARD_MINUTES)
# A hold's length said first, the hold words after it in the same sentence (session 29, G16: "It'll be a minute or two,
# bear with me", "Only a couple of minutes, can you hold?", "I'll just be thirty seconds, hang on"): the sentence
# opens with the duration, in the agent's own frame at most ("it'll be / it'll only take / I'll be / it's going to
# be"), and the hold phrase follows it straight on. Not a time of something else ("The van's two minutes away, hang
# on": the sentence opens with other words), nor one said after other words ("Delivery takes a minute, bear with me").
_LEADING_DURATION = re.compile(
    r"(?:^|[.?!] )(?:(?:okay|ok|right|so|now|well|and|but|sorry|yeah|yes|oh|um|er),? )*"
    r"(?:(?:(?:it|this|that|i|we)(?:'ll| will| should| shouldn't| won't| might| may| could| can)"
    r"|(?:it's|it is|this is|that's|i'm|we're) (?:only |just )?going to)"
    r"(?: only| just| not| probably| usually)? (?:be|take)(?: (?:me|us))? )?"
    r"(?:(?:only|just|about|around|roughly|maybe|probably|another|no|not|more than|longer than|over|under|less than) )*"
    r"(?P<d>(?:\d+|a|an|one|half a|half an|a couple of|a few|few)(?: (?:or|to) \d+)? (?:more )?"
    r"(?:second|sec|minute|min)s?(?: or so| or \d+| or a couple| and a half)?)"
    r"(?: at (?:the )?most| tops| max)?,? (?:(?:so|and|if|but|then|just|please) )*"
    r"(?:(?:you|can you|could you|would you|will you|you can|you could) (?:just |please )?)?$"
)
# The shape of a wait asked (session 35, H24, issue 9): rather than one more idiom, the grammar every hold wording so
# far has had. In the last sentence of what the agent said, a request to wait and a short time or the errand that
# fills it. Each part is a small family of words, not a list of sentences, so a new wording reads when its parts are
# known even if the whole was never seen ("Could you linger a wee moment while I ring the yard?", "I'll just duck out
# to the stores for two ticks"):
# - the customer asked to wait: a request's frame (:data:`_ASKED_FRAME`: "can / could / would you", "do you mind",
#   "I'll have to ask you to", "are you okay to") or an imperative at the sentence's start, and a verb of waiting
#   (:data:`_WAIT_VERBS`, any inflection, with its particles: "on", "there", "tight", "with me", "on the line");
# - time asked of the customer ("give / spare / lend me" a short time);
# - the customer put on hold by the agent ("can I / I'll / let me put / pop / park you on hold / mute / the line");
# - the agent away: "I'll / I'm going to / let me" and a verb of going with its direction ("nip out", "pop through to
#   the back", "step away"; :data:`_GO`) or "be gone / away", with a short time; or back on the line in one;
# - the agent's own time and the customer's leave asked for it ("it'll take me about a minute, is that okay?").
# A short time (:data:`_SHORT_TIME`) is a count or "a" / "half a", maybe a size word ("a wee", "a quick"), and a unit
# of a moment's length (moment, second, tick, minute, jiffy, shake, a wee while); its length is read from the count
# ("two minutes", "half a minute": :func:`announced_seconds`), a size word alone leaves it a moment asked
# (``hold_default_s``). What ends the request must follow it (a stop, the errand "while I ...", "please", "for me",
# a continuation): not a remark ("hang on a sec, that's not ..."), nor a task after it ("wait a minute before you
# switch it on", "... and then plug it in"). Not a wait with an object ("hold the button for ten seconds", "leave it
# unplugged for a minute"), a time from now ("in a minute": a send or a visit), a wait for something else ("wait for
# the refund"), nor a longer unit.
_WAIT_VERBS = (
    r"(?:(?:hold|hang|bear|stick|stand)(?:ing)?|(?:wait|stay|linger|remain|pause|bide)(?:ing)?|sit(?:ting)?"
    r"|(?:be|being) patient|(?:keep|carry on|continue)(?: to)? (?:holding|waiting|hanging on)"
    r"|(?:hold|hang)(?:ing)? fire"
    r"|hang(?:ing)? (?:about|around)|stay(?:ing)? put)"
)
_WAIT_PARTICLES = (
    r"(?: (?:on|there|here|tight|by|still|on the line|on the phone|with me|with us|a while longer|on a bit|on for me))*"
)
_SIZE_WORD = r"(?:(?:very |really )?(?:quick|brief|short|little|wee|tiny|teeny|weeny|small|mere) )?"
_MOMENT_UNIT = (
    r"(?:moment|minute|min|second|sec|tick|mo|jiffy|jiff|shake|instant|wee while|little while|short while|wee bit"
    r"|little bit)s?"
)
# one minute with a word the recogniser garbled between its article and "minute" (session 36, H25, c831: "it'll take
# me about a minute" heard "an outer minute"; session 26, H8, c591: "a mountain minute"): the article, any one word but
# a count's ("a couple", "half a", "a few", "a 5 minute"), and the singular unit
_GARBLED_MINUTE = r"an? (?!(?:half|couple|few|and|or|to|minute|min|more|hour|day|week)\b)[a-z']+ (?:minute|min)\b(?!s)"
_SHORT_TIME = (
    r"(?:(?:for|just|about|around|roughly|another|only|maybe|like|up to) )*"
    r"(?:(?:a|an|one|\d+|half a|a couple of|a few|couple of|few) (?:more )?"
    + _SIZE_WORD
    + _MOMENT_UNIT
    + r"|"
    + _GARBLED_MINUTE
    + r")(?: or (?:so|two|\d+))?"
)
_OPENING = r"(?:(?:okay|ok|right|so|now|and|well|sorry|oh|please|just|if you'd|then|alright|all right),? )*"
_PUT_ON = (  # the customer put on hold: "can I pop you on hold", "I'll put you on mute", "is it okay if I park you"
    r"(?:(?:can|could|may|shall) (?:i|we) |(?:is it|is that|would it be) (?:okay|ok|alright|all right|fine)"
    r" (?:if (?:i|we)|to) |(?:i'll|i will|we'll|i'm (?:just )?going to|let me|i need to|i have to|i'm gonna) )"
    r"(?:just |quickly |briefly )*(?:put|pop|place|park|stick|leave|keep) (?:you|ya) (?:on|in) (?:a |an )?"
    r"(?:(?:very )?(?:quick|brief|short|little|wee|tiny|teeny|small) )?"
    r"(?:hold|mute|pause|standby|the line|hold music)"
)
_GO = (
    r"(?:(?:nip|pop|dash|run|step|go|head|duck|shoot|whizz|hop|jump|slip|wander|walk|scoot|zip|leg it|trot)"
    r" (?:away|off|out|over|across|up|down|round|around|through|back|into|next door|upstairs|downstairs|outside)"
    r"(?: (?!in\b|you\b|your|yours\b)[\w']+){0,4}?|be (?:gone|away|off|out))"
)
_SELF_FRAME = (
    r"(?:i'll|i will|we'll|we will|i'm (?:just )?going to|i'm (?:just )?gonna|let me|i need to|i have to"
    r"|i've got to|i must) (?:just |quickly |only |have to |need to )*"
)
_BACK_IN = (  # back on the line in a short time ("I'll be back with you in two ticks", "back shortly")
    r"(?:(?:i'll|i will|we'll|we will) )?(?:be |come |get )?(?:right |straight )?back"
    r"(?: with you| to you| on the line)?"
    r" (?:in " + _SHORT_TIME + r"|in no time|shortly|momentarily)"
)
_TASK_TIME = (  # the agent's own time ("it'll take me about a minute"), its leave asked after it (see _LEAVE)
    r"(?:it|this|that|which)(?:'ll| will| should| might| may| can| could| would)? (?:only |just |usually )?"
    r"take(?:s)?(?: (?:me|us))? " + _SHORT_TIME
)
_LEAVE = r",? (?:is that|is it|would that be|if that's|that) (?:okay|ok|alright|all right|fine)\b"
_ERRAND = r"(?:while|whilst|as|and|so|then) (?:i|we)(?:'ll| will| can| just)?\b(?! (?:was|were|had)\b)"
# what ends the request: a stop, the errand, a continuation, "please"; not a remark ("hang on a sec, that's wrong")
_ENDS = (
    r"(?:[.,]?$|,? " + _ERRAND + r"|, (?:" + _GOING_ON + r")| (?:please|for me|for us|if you (?:can|could|would|don't"
    r" mind)|okay|ok)\b|" + _LEAVE + r"|, (?:it'll|it will|it should|it won't|that'll|this'll|it's) (?:only |just )?"
    r"(?:be|take)\b)" + _NOT_A_REMARK
)
_WAIT_ASK = re.compile(  # asked of the customer (timed or with the errand; an imperative needs one in its sentence)
    r"(?:^|(?<=[.,] ))"
    + _OPENING
    + r"(?P<frame>"
    + _ASKED_FRAME
    + r")?(?:(?:"
    + _WAIT_VERBS
    + _WAIT_PARTICLES
    + r"|(?P<put>"
    + _PUT_ON
    + r"))(?: "
    + _SHORT_TIME
    + r")?(?="
    + _ENDS
    + r")"
    # time asked of the customer, what it is for after it ("give me a minute to check the diary"; not "... to you")
    + r"|(?P<give>(?:give|spare|lend|allow|grant) (?:me|us) "
    + _SHORT_TIME
    + r")(?="
    + _ENDS
    + r"| to (?!you\b)[a-z]))"
)
_AWAY = re.compile(  # the agent away or back in a moment
    r"(?:^|(?<=[.,] ))"
    + _OPENING
    + r"(?:"
    + _SELF_FRAME
    + _GO
    + r" "
    + _SHORT_TIME
    + r"|"
    + _BACK_IN
    + r")(?="
    + _ENDS
    + r")"
)
# What follows a wait that the customer is to do themselves, not on the line (session 35, H24): a task after it ("wait
# a minute before you switch it back on", "... and then plug it in", "a minute until the kettle clicks", "after the
# beep"; not "I'll stay on the line until the driver answers": a wait on the line), a
# wait of another time ("a minute longer next time") or a remark ("hang on a second, that's not the address I have")
_TASK_AFTER = re.compile(
    r"(?: " + _SHORT_TIME + r")?(?:,? (?:before you|and then|then (?!i\b|i'll\b|we\b)|after (?:the|you)|longer"
    r"|next time)\b|, (?:that's|that is|is that(?! (?:okay|ok|alright|all right|fine)\b)|you said|did you)\b)| "
    + _SHORT_TIME
    + r",? (?:until|till)\b"
)
# a wait the customer is advised of ("you may need to wait a minute or so", "you'll have to hold for ages")
_ADVISED = re.compile(r"\b(?:you|you'll|you will|you may|you might|you'd|you would) (?:need|have|want) to (?:just )?$")
# a sentence that only asks the customer's leave ("Is that okay?") tags the request before it
_LEAVE_ONLY = re.compile(
    r"(?:is that|is it|would that be|that|that's|if that's|okay|ok|alright|all right)"
    r"(?: (?:okay|ok|alright|all right|fine|with you))?(?: for you)?"
)
_TASK_ASKED = re.compile(r"(?:^|(?<=[.,] ))" + _OPENING + _TASK_TIME + r"(?=" + _LEAVE + r"\W*$)")
_SHORT_TIME_RE = re.compile(r"(?<!\bin )(?<!within )(?<!every )\b" + _SHORT_TIME + r"\b")
_EXPLICIT = re.compile(r"\b(?:" + "|".join((*_EXPLICIT_PHRASES, _UNHEARD_COUNT)) + r")\b")
_HOLD = re.compile(r"\b(?:" + "|".join(_EXPLICIT_PHRASES + _LOOKUP_PHRASES) + r")\b")

# The customer agreeing to a wait (c424 "Yes, of course. Take your time."): at a clause's end, not a
# different wait or pace ("take your time with the form", "no rush on the payment", "I'll wait for the
# letter", "I'll wait and see"); "your" as tiny.en may hear it
# ("take over time", c472)
_YOUR = r"(?:your|you're|yer|ya|over|our)"
_CONSENT = re.compile(
    r"\b(?:(?:take|taking) " + _YOUR + r" time|no (?:rush|hurry)(?: at all)?|go ahead"
    r"|(?:i'll|i will|i can|i don't mind|i'm happy to|happy to|i'm fine to|i'm okay to)"
    r" (?:hold on|hold|hang on|wait|holding|waiting|hanging on)(?: on the line| here| for you(?! to))?)"
    r"(?=[,.]|$| (?:i'm|i'll|no|that's|it's|thanks|thank|love|mate|please|then|honestly)\b)"
)
# The customer's own "I'll ... on" ending the answer (session 48, H27, c1117: "Sure, I'll hang on." heard "Sure, I'll
# send you on."; c377, c1122: "I'll put the kettle on"): what they will do while the line is quiet, a wait agreed to
# whatever its verb was heard as; one to three words between, the clause opening the answer or after a grant. Not a
# refusal ("No, I'll ring back on ..."), a question, nor going on with something else ("I'll pass that on", "I'll log
# on", "I'll carry on", "I'll try it on").
_ON_MY_SIDE = re.compile(
    r"(?:^|(?<=[,.] ))(?:i'll|i will) (?!(?:pass|log|sign|move|try|carry|get|go|send it|send that|hand it)\b)"
    r"(?:[a-z']+ ){1,3}on\.?$"
)
# A short answer that grants what the agent asked ("Of course.", "Sure, no problem."): a wait only when the
# agent's turn was a question that asked to check or hold ("Can you bear with me while I check with our
# planning team?" heard garbled, c472); the whole answer is the grant, so "Sure, it's BS3 4QT" (an answer
# to the question, not a wait) is not one
_GRANTED = re.compile(
    r"(?:(?:yes|yeah|yep|oh|okay|ok|right|of course),? )*"
    r"(?:of course|certainly|sure|no problem|not at all|no worries|by all means|that's no problem"
    r"|(?:that's|that is|that'll be|yeah that's|yes that's) (?:fine|okay|ok|alright|all right))"
    r"(?:,? (?:thanks|thank you|love|mate|no problem|no worries|that's fine))*[,.!]?"
)
# "two" before a unit as tiny.en may write it ("I'll do minutes", c424): read as a count only when the
# customer's answer confirms the hold
_TWO_HEARD = re.compile(r"\b(?:do|to|too) (?=(?:minutes|mins)\b(?! of\b))")

_ONES = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_DIGITS = ("one", *(k for k in _ONES if _ONES[k] < 10))
_SPOKEN_NUMBER = re.compile(  # "forty five", "forty-five", "forty", "fifteen"
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})(?:[- ](?P<unit>{'|'.join(_DIGITS)}))?|(?P<ones>{'|'.join(_ONES)}))\b"
)
_FEW = {"a": 1, "an": 1, "one": 1, "another": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3}
_N = r"\d+(?:\.\d+)?|a couple of|a couple|couple of|a few|few|another|an|a|one"
# "forty five seconds", "a minute or two", "one or two minutes", "thirty to forty seconds", "two and a
# half minutes", "a minute or so": the count (the larger of a range) and the unit
_DURATION = re.compile(
    r"\b(?P<n>" + _N + r")(?: (?:or|to) (?P<m>\d+))?(?P<half> and a half)?(?: more)?"
    r" (?P<unit>seconds?|secs?|minutes?|mins?)\b(?P<tail> or (?:\d+|a couple|so)\b| and a half\b)?"
)
_HALF_MINUTE = re.compile(r"\bhalf an? (?:minute|min)\b")  # "about half a minute" (c115): 30 s
# one minute with a word between "a" / "an" and "minute" (_GARBLED_MINUTE): a size word ("a quick minute") or a
# mis-heard "about" ("a mountain minute", "an outer minute"); not a count ("a 5 minute drive" has its digits), half a
# minute, nor a few or a couple of minutes
_A_WORD_MINUTE = re.compile(r"\b" + _GARBLED_MINUTE)
_SHORT_S = 10.0  # seconds: a shorter duration in seconds is a manner of speaking ("a few seconds")
_VAGUE_SINGULAR = re.compile(r"\b(?:just |for )?(?:a|one) (?:second|sec)\b")


def spoken_numbers_as_digits(text: str) -> str:
    """``text`` (lower case) with the number words from two to ninety-nine written as digits, as
    tiny.en writes some of them: "forty five seconds" / "forty-five seconds" -> "45 seconds",
    "twenty seconds" -> "20 seconds". "a" and "one" stay words (a manner of speaking: "one moment")."""

    def digits(m: re.Match[str]) -> str:
        if m.group("ones"):
            return str(_ONES[m.group("ones")])
        unit = m.group("unit")
        return str(_TENS[m.group("tens")] + (_ONES.get(unit, 1) if unit else 0))

    return _SPOKEN_NUMBER.sub(digits, text)


def announced_seconds(text: str) -> float | None:
    """The hold duration the agent announced in ``text`` (lower case), in seconds; None when vague.

    Counts in digits or words: "two minutes" -> 120, "forty five seconds" / "45 seconds" -> 45,
    "a minute" -> 60, "a couple of minutes" -> 120, "half a minute" -> 30, "a minute and a half" /
    "one and a half minutes" -> 90; a range counts its end: "a minute or two" / "one or two minutes"
    -> 120, "thirty to forty seconds" -> 40. "a second" / "one moment" are a manner of speaking, not
    a duration, and give None; so are a few seconds ("give me a few seconds", "two secs": under
    ``_SHORT_S``), which mean "a short look-up" (a vague one covers ``hold_vague_s``), not a promise
    to be back within three seconds. With two durations, the longest counts.
    """
    text = _A_WORD_MINUTE.sub("a minute", _HALF_MINUTE.sub("30 seconds", spoken_numbers_as_digits(text)))
    best: float | None = None
    for m in _DURATION.finditer(text):
        n_text, unit, tail = m.group("n"), m.group("unit"), (m.group("tail") or "").strip()
        if unit.startswith("sec") and _VAGUE_SINGULAR.fullmatch(m.group(0).strip()):
            continue
        n = float(n_text) if n_text[0].isdigit() else float(_FEW[n_text])
        if m.group("m"):
            n = max(n, float(m.group("m")))
        if tail.startswith("or") and tail != "or so":
            more = tail.removeprefix("or ").strip()
            n = max(n, 2.0 if more == "a couple" else float(more))
        if m.group("half") or tail == "and a half":
            n += 0.5
        if n <= 0 or (unit.startswith("sec") and n_text in ("a", "an", "one")):
            continue
        seconds = n * (60.0 if unit.startswith("min") else 1.0)
        if unit.startswith("sec") and seconds < _SHORT_S:
            continue
        best = seconds if best is None else max(best, seconds)
    return best


def find_hold(text: str) -> re.Match[str] | None:
    """The hold phrase in ``text`` (any case), or None."""
    return _HOLD.search(_normalise(text))


# Work under way at the desk, said over any verb (session 37, H26, issue 9): the look-up verbs above are a family of
# what agents look at; an agent explains a silence as often by what they are *doing* ("let me just scroll down to your
# last order", "I'm just keying that in", "just typing that up", "bear with me, it's loading"). The grammar, not a
# verb list: the agent about to act now, softened ("let me just", "I'll quickly"), or the work narrated as under way
# ("I'm just <verb>ing", "Just <verb>ing ..." opening a sentence), then ANY verb but one
# of talk or mind, which fill no silence ("let me just say", "I'm just wondering", "I'll just mention", "let me just
# be clear") and not one done to the customer ("let me just tell / ask / remind you"); or the machine's own wait ("it's
# loading", "the system's a bit slow today", "waiting for the screen to come up", "while it loads"). Each reads a
# look-up said in passing (vague: ``hold_vague_s``), only where the phrases and the shape read nothing, so no reading
# they give changes. Not a plan stated without a softener ("I'll type up the notes tonight": the plain-lookup rule),
# a time away from now, a machine's work that is not the wait ("it's loading the van tomorrow"), a remark on a
# machine with no wait now ("bear with the new system, it's slow"), nor "while I <verb>" (the customer's task may be
# the sentence's: "hold the ladder while I drill").
_TALK = (  # verbs of talk, mind or state: said, not done at the desk
    r"(?:say|said|saying|tell|telling|explain|explaining|mention|mentioning|repeat|repeating|ask|asking|answer"
    r"|add|adding|point|pointing|remind|reminding|clarify|stress|warn|recap|summari[sz]e|reiterate|read (?:you|out)"
    r"|be|being|need|needing|want|wanting|wish|wonder|wondering|think|thinking|hope|hoping|know|guess|guessing"
    r"|imagine|suppose|feel|feeling|like|love|mean|meaning|understand|remember|believe|agree|admit|apologi[sz]e"
    r"|apologi[sz]ing|thank|thanking|interrupt|interrupting|stop|jump|butt|finish|finishing|let|letting|make sure"
    r"|call|calling|ring|ringing|phone|phoning|talk|talking|speak|speaking|chat|chatting|go over|go back|come back"
    r"|get back|going|gonna|trying|try|joking|kidding|curious|double|have|having|get|getting|do|doing|see|seeing"
    r"|take|taking|give|giving|put|putting|keep|keeping|leave|leaving|bear|hold|holding|wait|waiting|hang|hanging"
    r"|stay|staying|check in|checking in|touch base|read(?:ing)?(?: [\w']+){0,4} back)"
)
_LATER_WORK = (  # not work for later ("I'll just post that out tomorrow", "... once you've paid")
    r"(?!(?: [\w']+){0,5} (?:tomorrow|later|tonight|next (?:week|month|time)|this (?:afternoon|evening|week)"
    r"|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|in (?:a|an|\d+|half|about|a few|a couple of) (?:hour|day|week"
    r"|month)s?|when you|once you|after (?:the call|we|you))\b)"
)
_DESK_VERB = (  # any verb but talk's, not done to the customer ("let me just grab your details" is the desk's)
    r"(?!" + _TALK + r"\b)(?!(?:some|any|no|every)thing\b|morning\b|evening\b|during\b"
    r"|(?:b|st|sp|sw|w|fl|sl|cl)?ring\b)[a-z][a-z'-]+"
    r"(?! (?:you|yourself|ya)\b)"
)
_MACHINE_ADVERBS = r"(?:(?:just|still|a bit|a little|really|so|very|quite|ever so|bit) )*"
_MACHINE = (  # the machine, its copula and how much ("it's just", "the system's a bit", "the page is still")
    r"(?:it's|it is|this is|that's|the (?:system|screen|computer|page|portal|database|app|laptop|pc|network|software"
    r"|machine)(?:'s| is)) " + _MACHINE_ADVERBS
)
_DOING_PHRASES = (
    # about to act, softened ("let me just scroll down", "I'll quickly jot that down"); the verb's object or particle
    # follows (not "while I <verb>": "... hold the ladder while I drill" is the customer's task)
    r"(?:let me|i'll|i will|we'll|i'm (?:just )?going to|i'm (?:just )?gonna|i need to|i've just got to"
    r"|i just need to) (?:(?:just|quickly|quick|now|go and|pop and|nip and) )*(?:just|quickly|quick) "
    + _DESK_VERB
    + r"(?= [a-z])"
    + _LATER_WORK,
    # the work narrated as under way ("I'm just keying in your postcode", "we're still loading it")
    r"(?:i'm|i am|we're|we are) (?:just |now |still |currently |quickly )+" + _DESK_VERB + r"(?<=ing)\b",
    r"(?:^|(?<=[.!?] ))(?:(?:okay|ok|right|so|sorry|yeah|and),? )?just " + _DESK_VERB + r"(?<=ing)\b",
    # the machine's own wait: under way ("it's just loading", "the page is still thinking"), or slow said as now
    # ("the computer's being slow", "the system's a bit slow this morning"); not "bear with the new system, it's slow"
    # (a remark on the system, no wait now)
    _MACHINE
    + r"(?:being )?(?:loading|thinking|updating|processing|buffering|catching up|freezing|playing up|crawling|saving"
    r"|searching|refreshing|whirring|spinning|taking (?:a while|ages|forever|its time|a moment|a second|a minute"
    r"|a bit))(?=[,.!?]|$| (?:now|at the moment|today|this morning|this afternoon|for me|sorry|again|to (?:come|load"
    r"|open|update)|up)\b)",
    _MACHINE + r"being " + _MACHINE_ADVERBS + r"(?:slow|sluggish)\b",
    _MACHINE + r"(?:slow|sluggish|frozen) (?:now|at the moment|today|this morning|this afternoon|again)\b",
    r"waiting for (?:it|(?:the|that|this|my) (?:[a-z]+ )?(?:system|screen|computer|page|portal|database|app|form"
    r"|record|laptop|pc)) to (?:load|come up"
    r"|open|update|refresh|catch up|save|finish|go through)",
    r"(?:while|whilst|as) (?:it|the (?:system|screen|computer|page|portal|database|app|form|record))"
    r" (?:loads|comes up|updates|refreshes|catches up|saves|opens|goes through|thinks|processes)",
)
_DOING = re.compile(r"\b(?:" + "|".join(_DOING_PHRASES) + r")")
# The errand named as what the agent will do while the customer waits, over any verb ("... while I count what's on the
# shelf", "while I nip down to the cellar", "whilst I sort the stock"; session 48, H27, c1118: "Could you hold for about
# a minute while I count ...?" heard "... come to your own for them out. I mean, it's while I count it. ..."): it
# announces no hold itself ("hold the ladder while I drill" is the customer's task), but a turn that names one asked for
# time, so the customer's answer agreeing to a wait ("Yes, go ahead.") grants it (:meth:`HoldWatcher._answer`). The
# agent only ("while we process it" is the firm's), not talk or mind ("while I remember"), not a past ("while I looked")
# nor a state ("while I'm here").
_WORK_WHILE = re.compile(
    r"\b(?:while|whilst) i (?:(?:just|quickly|go and|pop and|nip and) )*(?![a-z']+ed\b)"
    r"(?!(?:was|were|am|did|does|could|would|should|can|will|might|may|must|got|went|came|saw|found|thought)\b)"
    + _DESK_VERB
)


def classify_hold(text: str, *, whole: bool = False, shape: bool = True) -> tuple[float | None, bool] | None:
    """``(announced seconds or None, vague)`` for the hold announced in ``text`` (any case), or None
    when it announces none. ``vague``: no duration and no hold word, only a look-up ("let me check").
    ``whole``: ``text`` is an utterance's final, so a duration in a hold's usual shape in its last
    sentence ("... about forty seconds, and ...") announces a hold even with no hold words heard, and
    gives the duration of a hold phrase that named none ("... around two minutes, and I'll see what's
    free": the look-up after the duration). When the phrases read no hold or only a look-up, the shape of a
    wait asked (:func:`wait_shape`; ``shape=False`` leaves it out, to measure it) reads one. In a ``whole`` final
    whose hold has no length (or that reads none), a hold's time said as a sentence of its own straight before a
    sentence that reads a hold or opens with its errand is that hold's length (:func:`_time_alone`, :data:`_TIME_ALONE`:
    "Good meeting 15 seconds. I'll just pop out to the login way."); the last such time in the final counts."""
    found = _read_hold(text, whole=whole)
    shaped = wait_shape(text, whole=whole) if shape and (found is None or found[1]) else None
    if found is None and shaped is None and _DOING.search(_normalise(text)) is not None:
        found = None, True  # work under way at the desk, over any verb: a look-up said in passing
    hold = found if shaped is None or (found is not None and shaped[1]) else shaped
    if whole and (hold is None or hold[0] is None):  # the time said alone: the length of a hold, or with its errand one
        return _time_alone(text, shape=shape) or hold
    return hold


_ERRAND_OPENS = re.compile(  # what the agent will do in the time said, opening its sentence: any verb but talk's
    r"(?:to|(?:and|while|whilst|so|then|as) (?:i|we)(?:'ll| will| can| could)?) (?:(?:just|quickly|go and|pop and) )*"
    r"(?:see (?:if|what|which|whether|where|when|how|who)\b|" + _DESK_VERB + ")"
)


def _time_alone(text: str, *, shape: bool) -> tuple[float, bool] | None:
    """``(seconds, False)`` of the hold's time said as a sentence of its own straight before a sentence that reads a
    hold in ``text``, alone or after the time (a final; :data:`_TIME_ALONE`: "Good meeting 15 seconds. I'll just pop out
    to the login way.", "Give meat 30 seconds. To check the board."), or None; the last such time counts."""
    norm = _sentences(text)
    for m in reversed(list(_TIME_ALONE.finditer(norm))):
        seconds = announced_seconds(m.group("d"))
        if seconds is None:
            continue
        # the hold in the next sentence, or the errand that fills the time opening it ("To check the board.", "While I
        # open the history."; :data:`_ERRAND_OPENS`)
        if _ERRAND_OPENS.match(m.group("next")) or classify_hold(m.group("next"), whole=True, shape=shape):
            return seconds, False
    return None


def undone_by_a_remark(text: str) -> bool:
    """Whether the hold :func:`classify_hold` reads in ``text``, a partial's committed words, rests on their end:
    the same words with a remark after them ("Hang on," then "is that the shelter by the gate?") read none, so
    the next committed word or the utterance's final decides. The probe is one remark word (:data:`_NOT_A_REMARK`'s
    "is"); a hold said in its own words ("please hold", "let me put you on hold") does not rest on the end.
    Session 45, c1041 (held out): a cut-in's "Hang on," committed alone announced a 60 s hold, the final read a
    question, and the hold covered the agent's 13 s dead air after the customer's next turn."""
    return classify_hold(text.rstrip() + " is") is None


def _read_hold(text: str, *, whole: bool) -> tuple[float | None, bool] | None:
    """:func:`classify_hold` by its phrases, without the shape of a wait asked. A question or an exclamation ends its
    sentence as a stop does (session 42, B2: "Still with me? Another minute or two." reads the minutes asked at a
    clause's start; with the "?" dropped they ran on from "still with me" and read nothing)."""
    norm = _sentences(text)
    match = _HOLD.search(norm)
    if match is not None and (
        _TASK_AFTER.match(norm, match.end()) is not None
        or (_SHORT_TIME_RE.search(match.group(0)) and re.match(r",? (?:until|till)\b", norm[match.end() :]))
        or _ADVISED.search(norm, 0, match.start()) is not None
    ):
        return None  # "Could you wait a minute before you switch it back on?": the customer's own task, not the line
    announced = None if match is None else announced_seconds(norm[match.start() :])
    lead = None if match is None or announced is not None else _LEADING_DURATION.search(norm[: match.start()])
    if lead is not None:
        announced = announced_seconds(lead.group("d"))
    if match is not None and announced is None and _EXPLICIT.search(norm) is not None:  # a hold word, not a look-up
        announced = _task_length(norm, match.start())
    count = _GIVE_ME_COUNT.search(norm) if whole and announced is None else None  # a partial may go on ("... stars")
    if count is not None:  # minutes asked as a bare count: a hold of that many minutes, hold words or none
        return 60.0 * int(count.group("n")), False
    unheard = _UNHEARD_MINUTES_RE.search(norm) if match is not None and announced is None else None
    if unheard is not None:
        announced = _UNHEARD_MINUTES_S if re.search(r" (?:minutes|mins)(?: whil|$)", unheard.group(0)) else 60.0
    bare = _BARE.search(norm) if whole and announced is None else None
    if bare is not None:
        return announced_seconds(norm[bare.start() :]), False
    if match is None:
        return None
    return announced, announced is None and _EXPLICIT.search(norm) is None


def _task_length(norm: str, at: int) -> float | None:
    """Seconds of the errand's time said before the hold words at ``at`` of ``norm`` (normalised text), in their
    sentence or the one before (:data:`_TASK_LENGTH`: "it'll take a couple of minutes. Can I put you on hold?"), the
    last one said; None when none is, or it is over :data:`_TASK_LENGTH_MAX_S`."""
    stop = norm.rfind(".", 0, at)  # the end of the sentence before the hold's
    start = norm.rfind(".", 0, stop) + 1 if stop >= 0 else 0
    said = [m.group("d") for m in _TASK_LENGTH.finditer(norm, start, at)]
    seconds = announced_seconds(said[-1]) if said else None
    return seconds if seconds is not None and seconds <= _TASK_LENGTH_MAX_S else None


def wait_shape(text: str, *, whole: bool = True) -> tuple[float | None, bool] | None:
    """``(announced seconds or None, False)`` when the last sentence of ``text`` (any case) has the shape of a wait
    asked (see :data:`_WAIT_ASK`: a request to wait, the customer put on hold, the agent away or back in a moment,
    the agent's time with the customer's leave asked; and a short time or the errand), or None. The time is read
    from the count in the sentence ("two ticks" none, "half a minute" 30 s: :func:`announced_seconds`); a request
    asked with no time in its sentence reads the one said in the sentence before ("It'll take a couple of minutes.
    Can you hold?"). ``whole``: ``text`` is a final; a partial's committed words may go on ("Could you wait a
    minute" ... "before you switch it on"), so they are read only up to their last stop."""
    norm = _sentences(text)
    if not whole:
        norm = norm[: norm.rfind(".") + 1]
    parts = [p.strip(" ,") for p in norm.rstrip(" .").split(". ")]
    if len(parts) > 1 and _LEAVE_ONLY.fullmatch(parts[-1]):
        parts.pop()  # "... while I go and ask Frank. Is that alright?"
    last = parts[-1]
    found = _WAIT_ASK.search(last) or _AWAY.search(last) or _TASK_ASKED.search(last)
    if found is None:
        return None
    timed = _SHORT_TIME_RE.search(last)
    errand = re.match(r",? " + _ERRAND, last[found.end() :]) is not None
    asked = found.re is not _WAIT_ASK or found.group("frame") or found.group("put")
    if timed is None and not errand and not asked:
        return None  # an imperative alone ("Wait.", "Hang on, ...") is left to the hold words
    if timed is None and len(parts) > 1:
        timed = _SHORT_TIME_RE.search(parts[-2])  # "It'll take a couple of minutes. Can you hold?"
    seconds = None if timed is None else announced_seconds(timed.group(0))
    # a moment asked with no wait word and no duration ("give me two ticks to ...", "give me a few seconds") is a
    # look-up's moment, as the phrases read it (``hold_vague_s``)
    return seconds, found.re is _WAIT_ASK and found.group("give") is not None and seconds is None


# What makes a look-up a request for a moment rather than a plan (session 24, H20): a softener ("let me *just*
# check", "I'll *quickly* look", "a quick look"), a moment asked ("one second while I check", "give me two
# ticks", "a few seconds") or the work under way ("I'm checking that now", "pulling it up")
_SOFTENED = re.compile(
    r"\b(?:just|quick|quickly|while|whilst|moment|moments|second|seconds|sec|secs|tick|ticks|mo|jiffy|shakes?)\b"
)
_NARRATED = re.compile(
    r"\b(?:" + _PROGRESSIVE + r"|(?:^|(?<=[,.] ))(?:checking|looking|pulling|bringing|loading"
    r"|searching|digging))\b"
)


def plain_lookup(text: str) -> bool:
    """Whether ``text`` (any case) announces only a look-up stated as a plan ("Let me look at the treble.",
    "I'll check the sound cues for that show."): no hold word, no duration, no moment asked, no softener and
    no work narrated as under way. It tells the customer what the agent will look at, not that a silence is
    coming, so it explains no silence: one that follows is dead air after ``dead_air_s`` (session 24, H20,
    c533; c487, c395, c17 alike). "Let me just check something", "just a second while I check", "give me a
    few seconds to check the diary" and "I'm checking that now" stay vague look-ups (``hold_vague_s``)."""
    norm = _normalise(text)
    hold = classify_hold(text, whole=True)
    if hold is None or hold[0] is not None or not hold[1]:
        return False
    if _NARRATED.search(norm) is not None or _DOING.search(norm) is not None:
        return False  # the work narrated as under way, or the machine's wait, explains a few seconds
    for match in _HOLD.finditer(norm):  # each look-up's sentence ("One sec, let me check that", "... quickly")
        stop = norm.find(".", match.end())
        if _SOFTENED.search(norm[norm.rfind(".", 0, match.start()) + 1 : len(norm) if stop < 0 else stop]):
            return False
    return True


# A word that sizes a hold as short ("give me a moment", "hold on a sec", "two ticks", "a brief hold", "I won't be
# long", "I'll be right back"): a hold asked with one and no duration covers ``hold_default_s``; one asked in hold
# words alone ("Can you hold on for me?", "I'll pop you on hold while I ask the skipper") covers ``hold_word_s``.
_SHORT_ASK = re.compile(
    r"\b(?:moment|moments|second|seconds|sec|secs|tick|ticks|mo|jiffy|brief|briefly|short|shortly|quick|quickly"
    r"|little|long|right back|straight back|right with you|shakes|jiffy|in no time)\b"
    # "(I'll be) back in a <one word>" at a sentence's end or before the errand: a short time, whatever the word was
    # heard as (session 33, H22, c745: "I'll be back in a tick." heard "I'll be back in a ticket."); not "back in a
    # while" (no size said), nor a return days away
    r"|\bback in (?:a|one) (?!while\b|" + _LONG_UNIT + r"\b)[a-z']+(?=[,.?!]|$| (?:while|whilst|and|so|just)\b)"
)


def hold_word_only(text: str) -> bool:
    """Whether a hold announced in ``text`` (any case) with no duration was asked in hold words alone, no word
    sizing it as short (session 29, G16: "Can you hold on for me?", "I'll just pop you on hold", "bear with me
    while I ask the captain"; not "give me a moment", "hold on a sec", "a couple of ticks", "a brief hold"). Its
    length is the agent's to tell, so the silence after it is taken as a hold of ``hold_word_s`` (60 s), not the
    ``hold_default_s`` (30 s) of a moment asked: c642's "It may take a minute or two, can you hold on for me?" heard
    without its "minute" was a hold of unknown length kept for 44 s."""
    return _SHORT_ASK.search(_normalise(text)) is None


def _firmness(hold: tuple[float | None, bool]) -> int:
    """2: a duration was announced; 1: a hold word; 0: a vague look-up."""
    announced, vague = hold
    return 2 if announced is not None else 0 if vague else 1


_SECS_HEARD = re.compile(r"\b(\d+|to|too|a few|a couple of|few) sex\b")


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[^a-z0-9' ,.-]+", " ", text)
    # a word tiny.en marks as a piece of another with a leading hyphen ("on -fold", c591) reads as the word
    text = re.sub(r"(?<![^ ])-+(?=[a-z0-9])", "", re.sub(r"\s+", " ", text).strip())
    # "secs" as tiny.en may write it after a count ("hang on to sex", c697): the unit, only after a count
    return _SECS_HEARD.sub(r"\1 secs", spoken_numbers_as_digits(text))


CHECK_INS_FILE = Path(__file__).with_name("hold_check_ins.toml")
"""The clauses of a check-in inside a hold, one key a class (``presence``, ``progress``, ``courtesy``)."""
_CHECK_INS = tomllib.loads(CHECK_INS_FILE.read_text(encoding="utf-8"))


def _clause(key: str) -> re.Pattern[str]:
    """The clauses of class ``key`` of :data:`CHECK_INS_FILE` as one pattern (matched whole)."""
    return re.compile("|".join(f"(?:{c})" for c in _CHECK_INS[key]))


_TAIL = int(_CHECK_INS["presence_tail_words"])  # words after "still with me" whose "?" tiny.en dropped
_PRESENCE = re.compile(f"(?:{_clause('presence').pattern})(?: [a-z0-9']+){{0,{_TAIL}}}")
_GOES_ON, _COURTESY = re.compile(f"{_PRESENCE.pattern}|{_clause('progress').pattern}"), _clause("courtesy")


def check_in(text: str) -> bool:
    """Whether ``text`` (an utterance's final, any case) is a check-in that says a wait goes on and nothing else
    (session 42, B2, issue 9): every clause asks whether the customer is still there ("Still with me?", maybe with a few
    words after it whose question mark tiny.en dropped: "still with me nearly mad"), says how the wait is going
    ("nearly there", "still checking with the warehouse", "won't be much longer"), thanks or apologises for it, is a
    name after a comma, or reads as a hold by itself ("bear with me", "just a sec"; not a look-up stated as a plan,
    :func:`plain_lookup`); and one asks or says the wait goes on. "Thanks for holding. I've found it." (the
    news: the agent's return), "Thanks for waiting." and "Sorry, let me just check." are none. Said inside a hold, it
    keeps the hold (:meth:`~coach.turns.tracker.TurnTracker.check_in`)."""
    goes_on = False
    for sentence in _sentences(text).split("."):
        for k, clause in enumerate(c.strip() for c in sentence.split(",")):
            if not clause or _COURTESY.fullmatch(clause) or (k > 0 and " " not in clause):
                continue  # no news: thanks, sorry, "okay", a name ("Still with me, Pete?")
            if _GOES_ON.fullmatch(clause) is not None:
                goes_on = True
            elif classify_hold(clause, whole=True) is None or plain_lookup(clause):
                return False
    return goes_on


def _sentences(text: str) -> str:
    """``text`` normalised (:func:`_normalise`) with a question's or an exclamation's mark read as a stop: a question
    ends its sentence too."""
    return _normalise(re.sub(r"[?!]", ".", text))


def _text(words: list[dict]) -> str:
    return " ".join(str(w.get("w", "")) for w in words)


def _phrase_span(words: list[dict]) -> tuple[int, int] | None:
    """``(first, last + 1)``: the indices of the shortest run of ``words`` that ends where their first
    hold phrase is complete and still announces it; None when the words announce no hold."""
    end = next((k for k in range(1, len(words) + 1) if classify_hold(_text(words[:k])) is not None), None)
    if end is None:
        return None
    first = next(j for j in range(end - 1, -1, -1) if classify_hold(_text(words[j:end])) is not None)
    return first, end


@dataclass(frozen=True)
class _Heard:
    """A hold phrase heard in a partial's uncommitted words: its reading, the phrase's words, and the
    partial's uncommitted words from the phrase on (``tail``)."""

    hold: tuple[float | None, bool]
    words: tuple[dict, ...]
    tail: tuple[dict, ...]

    def lost_by(self, final: list[dict]) -> bool:
        """The final never re-heard the phrase: it holds fewer than half as many words as the partial
        did in the tail's time (a final cut short before the phrase holds
        none there, a garbled one a few words stretched over the turn). A final that heard other words
        there instead re-heard the sounds: the partial's hold was a mis-hearing it corrected."""
        begins, ends = float(self.tail[0]["start"]), float(self.tail[-1]["end"])
        there = sum(1 for w in final if float(w["start"]) < ends and float(w["end"]) > begins)
        return 2 * there < len(self.tail)


@dataclass(frozen=True)
class _Asked:
    """The agent's last turn when it asked to check, look or hold: its utterance, where its words
    ended (seconds), its final's text, the holds its partials heard and whether it ended on a question
    (``asks``: "... while I check with our planning team?")."""

    utt: str
    end: float
    text: str
    heard: tuple[_Heard, ...]
    asks: bool = False
    firmer_heard: bool = False
    """Its partials heard a firmer hold than its final reads (a hold word or a duration the final re-heard
    as other words: c522's "it'll take a few minutes" written "it'll take a pipe off your own cold")."""
    errand: bool = False
    """It read no hold, only named the errand the customer would wait through ("... while I count it",
    :data:`_WORK_WHILE`; c1118)."""

    def reading(self, heard_cap_s: float) -> tuple[float | None, float | None]:
        """``(announced seconds or None, cap)`` of the wait the customer agreed to: the final's
        duration (a homophone of "two" read as the count), else the errand's time its last two sentences said (session
        42, B2, c978: "That'll take me a couple of minutes, if you don't mind holding." heard "I'll take me a couple of
        minutes. If you're going to mind, I'll leave.", granted "Of course, I'll hang on.": :data:`_TASK_LENGTH`, as
        before hold words), else the partials' (capped)."""
        own = classify_hold(_TWO_HEARD.sub("2 ", self.text), whole=True)
        if own is not None and own[0] is not None:
            return own[0], None
        said = self.text.rstrip(" .")
        errand = _task_length(said, len(said))
        if errand is not None:
            return errand, None
        counts = [h.hold[0] for h in self.heard if h.hold[0] is not None]
        return (max(counts), heard_cap_s) if counts else (None, None)


@dataclass
class HoldWatcher:
    """Finds hold announcements in the agent's committed words and tells the turn tracker; a hold
    heard only in partials counts when the final lost it (see the module's docstring)."""

    turns: TurnTracker
    _announced: dict[str, tuple[int, float | None, bool]] = field(default_factory=dict)
    """Utterance -> (firmness, announced seconds, asked in hold words alone) of the hold it announced last."""
    _heard: dict[str, list[_Heard]] = field(default_factory=dict)
    """Utterance -> the hold phrases its partials heard in uncommitted words, firmest first."""
    _asked: _Asked | None = None
    """The agent's last final, when it asked to check, look or hold (until the agent speaks again)."""

    def push(self, transcripts: list[Event], now: int) -> list[Found]:
        """Look at the transcript events emitted at sample ``now``; return what the tracker answered
        (a ``hold`` event, maybe the withdrawal of a dead-air cue the hold explains). An utterance
        announces its hold once, and again whenever more committed words make it firmer (see
        :func:`classify_hold`: a vague look-up, then a hold word, then a duration) or change the
        duration read ("a minute" then "a minute or two"; a partial's count re-heard by the final)."""
        out: list[Found] = []
        for event in transcripts:
            data = event.data
            if event.type != "transcript":
                continue
            if data.get("speaker") == Lane.CUSTOMER.value:
                granted = self._answer(data, now)
                out.extend(granted)
                said = list(data.get("words") or [])
                if not granted and data.get("final") and said and "?" in _text(said):
                    self.turns.customer_asked(seconds_to_samples(float(said[0]["start"])))
                continue
            if data.get("speaker") != Lane.AGENT.value:
                continue
            utt = str(data.get("utt", ""))
            if self._asked is not None and self._asked.utt != utt:
                self._asked = None  # the agent speaks again: an answer now is to something else
            shown = list(data.get("words") or [])
            final = bool(data.get("final"))
            words = shown if final else shown[: int(data.get("stable") or 0)]
            hold = classify_hold(_text(words), whole=final) if words else None
            if hold is not None and not final and undone_by_a_remark(_text(words)):
                hold = None  # the words still to come may make it a remark: wait for them or the final
            heard = self._heard.pop(utt, []) if final else self._hear(utt, shown, len(words))
            errand = final and words and hold is None and not heard and _WORK_WHILE.search(_normalise(_text(words)))
            if final and words and (hold is not None or heard or errand):
                asks = _text(words).rstrip().endswith("?")
                firmer = any(hold is None or _firmness(h.hold) > _firmness(hold) for h in heard)
                text = _normalise(_text(words))
                self._asked = _Asked(utt, float(words[-1]["end"]), text, tuple(heard), asks, firmer, bool(errand))
            cap = None
            lost = [h for h in heard if h.lost_by(words)] if final else []
            if lost and (hold is None or _firmness(lost[0].hold) > _firmness(hold)):
                hold, words, cap = lost[0].hold, list(lost[0].words), self.turns.cfg.hold_heard_s
            if final and words and cap is None and (hold is None or hold[1]) and check_in(_text(words)):
                start = seconds_to_samples(float(words[0]["start"]))
                kept = self.turns.check_in(start, seconds_to_samples(float(words[-1]["end"])), now)
                out.extend(kept)
                if kept:  # said inside a hold: it goes on ("Still with me? Nearly there.")
                    continue
            if hold is None or (cap is None and plain_lookup(_text(words))):
                continue  # a look-up stated as a plan is no hold (H20); the customer's answer may still grant one
            unsized = hold[0] is None and not hold[1] and hold_word_only(_text(words))
            said, before = (_firmness(hold), hold[0], unsized), self._announced.get(utt, (-1, None, False))
            # the word sizing it short committed after the hold word (session 33, H22, c745: "I'll be back" then
            # "... in a tick"): the hold is re-read as a moment asked, as the whole turn reads
            sized_later = said[:2] == before[:2] and before[2] and not unsized
            if not sized_later and (said[0] < before[0] or said[:2] == before[:2] or said[0] == before[0] < 2):
                continue
            self._announced[utt] = said
            start = seconds_to_samples(float(words[0]["start"]))
            end = seconds_to_samples(float(words[-1]["end"]))
            default = self.turns.cfg.hold_word_s if unsized else None
            out.extend(
                self.turns.announce_hold(
                    start, end, now, announced_s=hold[0], vague=hold[1], cap_s=cap, default_s=default
                )
            )
        return out

    def _answer(self, data: dict, now: int) -> list[Found]:
        """A customer's final agreeing to a wait straight after the agent asked to check or hold:
        the hold that turn asked for, announced at the customer's words (see the module's docstring)."""
        asked, said = self._asked, list(data.get("words") or [])
        if asked is None or not data.get("final") or not said:
            return []
        cfg = self.turns.cfg
        answer = _normalise(_text(said))
        granted = (asked.asks or asked.firmer_heard) and _GRANTED.fullmatch(answer) is not None
        own_wait = "?" not in _text(said) and not re.match(r"no\b(?! (?:problem|worries|bother|rush|hurry))", answer)
        agrees = _CONSENT.search(answer) is not None or granted or (own_wait and _ON_MY_SIDE.search(answer) is not None)
        if float(said[0]["start"]) > asked.end + cfg.hold_answer_s or not agrees:
            return []
        self._asked = None
        announced, cap = asked.reading(cfg.hold_heard_s)
        start = seconds_to_samples(float(said[0]["start"]))
        end = seconds_to_samples(float(said[-1]["end"]))
        # a hold word with no size the customer agreed to ("Can you hold on for me?" "Yes, I'll hold.") keeps its length
        # and so does an errand named with no word sizing it short, the words asking for the wait garbled ("Could you
        # hold for about a minute while I count ...?" heard "... for them out. I mean, it's while I count it.", c1118):
        # the customer agreed to a wait of the agent's telling, as to one asked in hold words alone
        own = classify_hold(asked.text, whole=True)
        unsized = (asked.errand or own == (None, False)) and hold_word_only(asked.text)
        default = cfg.hold_word_s if unsized else None
        return self.turns.announce_hold(
            start, end, now, announced_s=announced, cap_s=cap, opens_s=cfg.hold_answer_s, default_s=default
        )

    def _hear(self, utt: str, shown: list[dict], stable: int) -> list[_Heard]:
        """Note the hold phrase a partial shows in its uncommitted words (after its ``stable`` first
        words), when those words announce a hold word or a duration, firmer than the committed ones."""
        heard = self._heard.setdefault(utt, [])
        hold = classify_hold(_text(shown)) if len(shown) > stable else None
        if hold is None or _firmness(hold) == 0:  # a look-up alone: too often a mis-hearing (c400 "it takes
            return heard  # about" as "let's take a look"), and it covers a few seconds only
        committed = classify_hold(_text(shown[:stable])) if stable else None
        if committed is not None and _firmness(committed) >= _firmness(hold):
            return heard
        span = _phrase_span(shown)
        if span is None:
            return heard
        # the words the final must re-hear: the phrase on, past the committed ones (a committed "let me
        # check" is in the final; the "two minutes" after it may not be)
        found = _Heard(hold, tuple(shown[span[0] : span[1]]), tuple(shown[max(span[0], stable) :]))
        if found not in heard:
            heard.append(found)
            heard.sort(key=lambda h: (_firmness(h.hold), h.hold[0] or 0.0), reverse=True)
        return heard
