"""Rule on closing the call: recap and ask "is there anything else…" before saying goodbye.

A closing cue from either side ("thanks for your help", "have a good day", "see you later", "take
care", "bye now", "I'll let you go") opens the close when it ends that side's turn (at most
``CUSTOMER_AFTER_WORDS`` words after the customer's). A close is the agent *ending the call*, so the
agent's goodbye counts only when it ends their turn: at most ``AFTER_WORDS`` words follow the turn's
last goodbye ("Lovely, that's all matching. So I've got Curlew Cottage..." is mid-call; "Have
a good day, and thanks again" closes), or only a send-off follows it, however long: a wish or thanks ending the turn
("ta-ra, enjoy the kayaking this weekend", "goodbye, and thanks for bearing with us";
:meth:`ClosingRule._send_off_from`, session 26, G13). The agent's wrap-up lines that are a goodbye only when they
end the turn ("you're all set, cheers", "that's you done", "all sorted then") are
``closing_tail_cues``: they count when at most ``TAIL_WORDS`` words follow them in the agent's turn
("You're all set up for direct debit, and the next thing is..." is not a close), whatever
``not_closing`` says ("that's everything sorted then" ends a call; mid-call it does not end the
turn); only ``not_tail`` cancels them (a goodbye word inside a phrase: "charged for a good
night"). Weaker wrap-ups ("Okay then, cheers", "Brilliant, see you Saturday", "Good luck with the
move") are ``wrap_up_cues``: they close only as the end of a short agent turn (at most
``WRAP_UP_WORDS`` words) answering a customer who has settled, whose last turn asked nothing and
ended on a short sentence (at most ``SETTLED_WORDS`` words) with one of ``settled_replies`` ("Got it.",
"Thank you.", "That's fine."): mid-call, "Oh, good luck with that" answers news, not an acknowledgement. After a
customer turn of any length that ends on thanks (:data:`THANKS_WORDS`), a wrap-up cue also closes as the very last
words of an agent turn of up to ``THANKED_WRAP_UP_WORDS`` words: where the goodbyes as tiny.en hears them are
("the van's on its way, carry on" for "cheerio", "no worries, by"; session 30, L29). The
call's opening is not a close: nothing said before the customer's first words counts,
nor an agent utterance with an opening cue ("thanks for calling Acme, how can I help?"), nor a
goodbye in the customer's first turn, before the agent has replied to them (a greeting misheard:
"Hi guys" heard as "Bye guys"; words a long opening turn ends on, "see you next time" heard in a
recogniser's loop, issue 9, session 14): a close needs a call to close. If the
agent has asked or recapped within ``lookback_s``, nothing happens; a customer turn opening with
an answer to that question (``ask_answers``: "No, that's everything.") counts as the agent's ask, however
the recogniser heard it (a question misheard whole). If the agent's own utterance
closes without asking, the rule fires at once; so does a short customer goodbye straight after an agent turn
("Oh. Bye.", at most ``REPLY_GOODBYE_WORDS`` words since the agent's final, no question): the customer
answering the agent's close,
whose goodbye the recogniser may have lost. After a customer's closing cue the agent has ``wait_s`` (checked on
:meth:`ClosingRule.tick`) or their next turn to ask: once the agent is heard replying (their
committed words, :meth:`ClosingRule.on_agent_words`), the rule waits for that turn's final (at most
``REPLY_MAX_S`` after the customer's close), so an "anything else?" whose final comes late is not
nudged as missing. A customer's goodbye-looking words straight after an agent final that asked them to hold
(a hold word or a stated wait: :func:`_asks_to_hold`) are their answer to it, not a close: the silence that
follows is the hold (session 27, G14); nor, after one that ended on a look-up done now (:func:`_looks_up_now`: "Let me
just check the route for you." then "Oh, bye Dave.", a lone "bye"), are they a close: said to someone in the room
while the agent works (session 54, C24). Fires once per call.

Once the customer has said goodbye (their close waits for the agent's reply), the agent's own goodbye need not wait
for the turn's final (which comes ``min_silence_ms``, 0.5 s, after the last word): :meth:`ClosingRule.on_agent_words`
reads every agent partial, and fires on one marked ``pause`` (a provisional final's: the VAD has counted
``[asr] provisional_end_s`` of silence after its words) when its words end on a goodbye that ends the turn (as
:meth:`ClosingRule._agent_cue` judges a final) and its decode heard at least ``turn_end_s``
(``[check_anything_else]``) of audio after the last word as Whisper timed it (a last word stretched
over the silence may be speech going on). Other partials never fire it: their word times can leave a
gap at the end while the agent talks on (misheard words). If the agent speaks on so that
the goodbye no longer ends the turn, or the final holds no such goodbye (or asks "anything else?"),
the nudge is taken back: a :class:`~coach.types.Withdrawal` of its moment, and the rule can fire
again later in the call. Without the customer's goodbye the final decides: a pause after a close-like sentence is
as often the breath before "anything else?" (session 42, Q40: c950).

A farewell-looking phrase is a close only when the call is winding down (issue 9: "Lovely,
happy birthday to your dad." answering the customer's opening, nudged from its pause and taken back
1 s later when the agent went on). The early nudge from a partial needs the customer's goodbye waiting (above),
so the call is always winding down then; the guards that held early nudges back while it was not (a long turn's
goodbye, words after it, the first reply's "thanks for calling": sessions 16-21) could no longer act once session 42
made the customer's goodbye a condition, and were folded (session 43, C13): the turn's final judges those turns.

The call's shape (session 47, C17): most closes the rule missed on the analysed calls were goodbyes tiny.en did not
hear ("Thanks for all in hand later." for "that's all in hand, laters"), said as a short reply to a customer who had
just accepted what was agreed, as the agent's last turn. Such a final closes without any goodbye word
(:meth:`ClosingRule._wound_down`: at most ``WIND_DOWN_WORDS`` words, ``WHOLLY_DONE_WIND_DOWN_WORDS`` when it says the
whole business is done, no question, hand-back, hold or next item, after
``WIND_DOWN_AFTER_S`` of the call, the customer's last turn short and accepting, no ask within ``lookback_s``); it
fires on that final, before the customer's goodbye or hang-up. Its evidence says ``basis`` "shape", and the nudge is
taken back (the rule re-armed) when the agent speaks again: the turn was not their last.
"""

from __future__ import annotations

import re

from coach.language.closing_offer import asks_more, offers_more, wants_more
from coach.language.config import CheckAnythingElse
from coach.language.patterns import BYE_SOUNDS
from coach.language.text import (
    Match,
    PhraseGroups,
    Sentence,
    excerpt,
    find_grouped,
    find_phrases,
    first_match,
    phrase_groups,
    sentences,
    tokens,
)
from coach.language.utterance import Utterance, nudge
from coach.turns.holds import classify_hold
from coach.types import Nudge, Withdrawal, seconds_to_samples

TAIL_WORDS = 2
"""Words allowed after a tail cue or a wrap-up cue for it to end the turn ("you're all set, cheers then")."""
AFTER_WORDS = 3
"""Words allowed after the agent's last goodbye for it to end the turn ("good night, and thanks again")."""
CUSTOMER_AFTER_WORDS = 5
"""Words allowed after the customer's last goodbye ("thanks for your help, I really appreciate it");
more is the call going on ("Bye. Sorry, is this bookings? The line keeps dropping": a "Hi"
heard as "Bye")."""
WRAP_UP_WORDS = 6
"""The longest agent turn, in words, that a wrap-up cue closes ("Brilliant, see you Saturday": 4)."""
SETTLED_WORDS = 6
"""The longest customer turn, in words, that reads as settled ("Okay. Thank you.": 3)."""
THANKED_WRAP_UP_WORDS = 12
"""The longest agent turn, in words, that a wrap-up cue closes as its very last words when the customer's last turn
ended on thanks (:data:`THANKS_WORDS`), however long that turn ran: the close after the customer's thanks, its goodbye
heard as other words ("nae bother, the van's on its way, cheerio" heard "... on its way, carry on" after "... that
will just come out, thank you", c659; session 30, L29). Mid-call, the customer's thanks for a detail is answered by
more than a goodbye-like word ending the turn."""
THANKS_WORDS = frozenset(
    {
        *("thank", "thanks", "cheers", "ta", "thankyou", "appreciated", "appreciate"),
        # session 32 (C2): thanks in other languages said in English calls ("Friday is perfect. Asante sana.")
        *("shukriya", "shukria", "shukran", "asante", "merci", "gracias", "danke", "grazie", "obrigado", "obrigada"),
        *("dhanyavad", "dhanyavaad", "salamat", "dankie", "diolch", "mahalo", "arigato", "spasibo", "jazakallah"),
    }
)
"""Words of thanks: a customer turn that asks nothing and whose last sentence has one of them followed by at most
:data:`THANKS_AFTER_WORDS` words ("... thank you.", "Thanks very much, love.") ends on thanks."""
THANKS_AFTER_WORDS = 3
"""The most words after the customer's thanks for their turn to end on it ("thank you so much": 3)."""
THANKED_REMARK_WORDS = 10
"""The longest remark, in words, that may follow the customer's thanks said as a sentence of its own for their turn
still to end on thanks: a detail added as the call closes ("Thank you. The account number is on the form I signed.",
c755, session 33, C3); a question after the thanks, or a longer story, is the call going on."""
OPENING_STORY_WORDS = 25
"""The most words of the customer's opening turn that the agent's first reply may close with a tail or wrap-up cue
alone: after a longer opening (a story told: what went wrong, c679's 33 words) the first reply answers it, and a wish
or a wrap-up word ending it is misheard words, not the close ("... when you turned the eggs, have you?" heard "...
turned the eggs, have fun, you", c679 at 17.1 s; session 30, L29). A short request answered with a wish still closes
("I want to book a table for our silver wedding." "Right then, happy anniversary to you.":
tests/test_closing_winding_down.py), and a goodbye proper (``closing_cues``) closes any first reply."""
BARE_GOODBYES = ("bye", "bye bye")
"""Goodbyes that are a lone word, which the recogniser also writes for "by", "buy" or "nearby" ("We've got
street lights nearby." heard as "... three lights there, bye!"): in a customer turn that asks a
question, as its only goodbye, they do not close it (the customer waits for the answer)."""
BARE_BYE_SENTENCE_WORDS = 15
"""The longest customer sentence, in words, that a lone :data:`BARE_GOODBYES` word ending it still closes ("Right,
I'll look out for the van on Tuesday then, bye!": 11). A longer one is a story the recogniser ended on a "by" or
"buy" it heard as "bye" (c443: a 33-word account of a shipping damage heard ending "... for the shipping, bye!"):
the customer is still explaining, not closing."""
GLUED_GOODBYE_WORDS = 30
"""The most words of a customer's sentence before a goodbye in it for that goodbye to close the call: past them the
sentence is a story the recogniser ended on a farewell it made up or joined on from another window ("... when he
knocked back the turf ..., and my granddaughter sits right We'll see you next time.", c772 at 92.5 s: 53 words of an
account of a rotting post, the agent cutting in; session 34, C4). No customer close in the cached events of the
tuning calls had even 15 words before its goodbye in its sentence (:data:`BARE_BYE_SENTENCE_WORDS` is the same
rule for a lone "bye", at 15). The agent's goodbye has its own limit, :data:`AGENT_GLUED_GOODBYE_WORDS`."""
AGENT_GLUED_GOODBYE_WORDS = 40
"""The most words of an agent's sentence before a goodbye in it for that goodbye to close the call
(:meth:`ClosingRule._agent_cue`): past them the sentence is one the recogniser ended on a farewell it made up, as on
quiet c1002 at 180.4 s, 57 words of a price and a delivery time heard ending "... 400 and 20 We'll see you next time,"
(Whisper's subtitle farewell, the call going on to "anything else?"; session 43, C13); a tail cue too ("... for three
seasons now without" heard "... seasons now we're out.", 58 words before it, c1177 at 49.8 s mid-call; session 51,
C21, in sample). Higher than the customer's
:data:`GLUED_GOODBYE_WORDS`: an agent's real wrap-up may run on in one sentence of commas ("No paperwork at all, I've
closed the account ... and we'll look after you, take care.": 36 words before "take care", c356's class)."""
UNSAID_WORD_S = 0.05
"""Seconds a word of an agent's goodbye of two words or more takes at the least, on average, for the goodbye to have
been said: below it the recogniser wrote the words over no speech, its subtitle farewell ("... Come off the gym. We'll
see you next time.", c1066 at 75.5 s, "see you next time" heard in 0.00 s, the call going on to the ask; session 52,
C22, in sample). The shortest goodbyes of two words or more said in the cached calls take 0.44 s ("good night", "Break
a leg"); one word may be squeezed to the end of the audio and is left alone: see :meth:`ClosingRule._heard_cue`."""
LOOP_WORDS = 3
"""The fewest words of a goodbye that, said twice back to back, is the recogniser's loop rather than a close ("We'll
see you next time, see you next time.": Whisper's subtitle farewell looped on a noisy pause, c510 at 20.5 s and c514
at 34.2 s, session 23 G10). Shorter goodbyes are doubled in real speech ("bye bye", "take care, take care",
"cheers, cheers"); a longer one repeated word for word is not, so neither copy counts as a goodbye."""
GLUE_WORDS = frozenset(
    {"the", "a", "an", "my", "your", "our", "their"}
    | {"in", "on", "at", "of", "for", "from", "with", "into", "onto", "about", "to", "than"}
)
"""Words after which no goodbye can stand ("on the See you next time"): a goodbye there is glued on (:func:`_glued`).
A preposition is one such word: a sentence does not end on it and go on with a capital without a stop ("I can't remove
it right in We'll see you next time. Bye bye.", c1066 at 38.6 s, Whisper's subtitle farewell joined onto a turn
mid-call; session 51, C21, in sample)."""
GLUED_LEAD_WORDS = 8
"""The fewest words of its sentence before a goodbye written with a capital straight after a lower-case word, no stop
or comma between, for that goodbye to be the recogniser's subtitle farewell joined on whatever the word before it
(:func:`_glued`: "... and 1 of our game gurus to teach See you next time.", c1287 at 30.7 s, the agent's first reply
on a quiet call, 35 words before it; session 55, C25, in sample after the flip of c1270-c1293). Fewer words before it
("Nope, we're in Bye or ...") are left to the other rules."""
GLUE_LEADS = frozenset({"we'll", "i'll", "we", "i"})
"""Words that open the subtitle farewell before its goodbye ("We'll see you next time"): right after a
:data:`GLUE_WORDS` word, no comma between, they are the farewell glued on too (:func:`_glued`; "pop it in, I'll see you
Friday" is a close)."""
ANSWER_TAIL_WORDS = 3
"""The most words of a last clause, after a comma, that may follow an ``ask_answers`` phrase in the customer's first
sentence for it still to answer "anything else?" (:meth:`ClosingRule._answers_ask`): the thanks and a name heard as
other words ("No, that's all for now. Thank you, Clive." heard "So, that's all for now, and you plan.", c1127 at
229.6 s, its ask heard garbled and the agent's goodbye nudged; session 49, C19, in sample)."""
ANSWER_TAIL_BUTS = frozenset({"but", "except", "though", "although", "apart", "only", "unless"})
"""First words of that clause that take the answer back ("No, that's it, but the lid is cracked")."""
LONE_NOS = (["no"], ["nope"], ["nah"], ["no", "no"])
"""A customer's first sentence that is only a "no": the sentence after it is the rest of their answer."""
NO_AS_HEARD = ("so", "now")
"""Words tiny.en writes for the "no" of "No, that's all" when the customer's turn opens with them right before
"that's" or "that is" ("So, that's all, thanks very much.", quiet c904, the agent's ask heard garbled; "So that's it."
c893; "Now that's it." c939; c928, c946, c956, c957 alike): no script line of c01-c1005 opens "So, that's all / it /
everything", so such an opening is read as the "no" (:meth:`ClosingRule._first_answer`; session 44, C14); so is one
whose sentence holds "everything" ("So, nice everything, thanks.": quiet c1024's "No, that's everything, thanks." after
an ask heard "... in everything else. I can't help win", its false close; round two, in sample)."""
WIND_DOWN_WORDS = 9
"""The longest agent final, in words, that closes by the call's shape alone (:meth:`ClosingRule._wound_down`): a short
reply to a customer who has accepted what was agreed, when tiny.en left no goodbye in it ("Lovely, we'll leave it up
next for good luck." for "We'll leave it at that so, good luck"; "You're going in, cut your own traps." for "goodo,
you're golden then, catch ya round the traps"; c914, c944, session 47, C17)."""
WHOLLY_DONE_WIND_DOWN_WORDS = 12
"""The longest agent final, in words, that closes by the call's shape when it says the whole business is done: a
:data:`FRAMED_WRAP_UPS` frame holding one of :data:`WHOLE_WORDS` ("Okay, that's all sorted for you, and I'm going to be
okay." for "..., have a good weekend", c1163 as heard: 12 words). A frame that names one item done ("That's you booked
in, and the deposit is fifty pounds.", "that's you covered for the grace period and the letter follows") is a detail the
customer may still answer, and keeps :data:`WIND_DOWN_WORDS` (session 51, C21: C20's wider frame, any wrap-up frame up
to 12 words, fired on those two mid-call lines)."""
WHOLE_WORDS = frozenset({"all", "everything", "everything's"})
"""Words of a wrap-up frame that say the whole business is done ("you're all set", "that's all sorted", "everything's
done"), not one item of it ("that's you booked in"): see :data:`WHOLLY_DONE_WIND_DOWN_WORDS`."""
WIND_DOWN_CUSTOMER_WORDS = 12
"""The longest customer turn, in words, after which the agent's short reply may close by the call's shape: a longer
turn is news or a request the reply answers."""
UNSURE_ASKS = ("(anything|everything|nothing) (else|more) (i|we) (can|could) (do|help) (for|from|with)",)
"""The ask "anything else I can do for you?" as the recogniser may leave it, its opening lost: "... and everything else
I can do from the store." (quiet c1216 at 72.7 s), "there's nothing more I can do for you to play." (c1039 at 60.1 s),
"... and then everything else I can do for you." (c1042 at 76.4 s): the three agent finals of the cached calls c1-c1221
that say it and that :meth:`ClosingRule._asks` does not read as an ask were all the ask; not a remark or a refusal about
something ("Everything else I can tell you is in the letter.", "there's nothing else I can do about the fee": session
15's tests). Said so, it is an ask when the customer's next turn answers it as one (:data:`ANSWER_WORDS`): see
:meth:`ClosingRule._answers_unsure_ask` (session 52, C22, in sample)."""
ANSWER_WORDS = 12
"""The longest customer turn, in words, that answers an unsure ask (:data:`UNSURE_ASKS`): "That's the lot. You've been
ever so good to me." (10); a longer one is a story or an objection the call goes on with."""
THANKED_ANSWER_WORDS = 20
"""The longest customer turn, in words, ending on thanks, that answers the weaker "any other <thing> you want" ask
(:data:`~coach.language.closing_offer.WANTING_ASKS`): "Maybe a whacker plate on Thursday, but I'll phone about that,
cheers." (14, c1251)."""
DECLINE_OPENERS = (("no",), ("nope",), ("nah",), ("naw",), ("nothing",), ("not", "really"), ("not", "today"))
"""Openings of a customer's first sentence that say no to the question before it: see :meth:`ClosingRule._declines`."""
DECLINE_WORDS = 6
"""The most words of that first sentence for it to be only the "no" ("No, I don't think so.": 5; "Naw, we're fine.":
3; "Nothing else.": 2); a longer one goes on to say something ("No, the lid on the other one is cracked too")."""
TAKE_BACK_WORDS = frozenset(
    {"but", "actually", "except", "though", "although", "however", "also", "another", "besides"}
)
"""Words of a customer turn that take its "no" back or raise more ("No. Actually, the invoice ..."): see
:meth:`ClosingRule._declines`."""
WIND_DOWN_AFTER_S = 45.0
"""Call audio seconds before which no agent reply closes by the call's shape: the call's early exchanges (an order
number read back, "Right." after a detail) are short replies to short turns too; every close of the tuning calls
c670-c1029 came after 57 s."""
ACCEPTING_WORDS = frozenset(
    {
        *("okay", "ok", "right", "alright", "fine", "good", "great", "lovely", "perfect", "brilliant", "fantastic"),
        *("wonderful", "marvellous", "grand", "smashing", "super", "sweet", "cool", "excellent", "champion", "sorted"),
        *THANKS_WORDS,
    }
)
"""Words with which a customer accepts what was agreed, among the first or last :data:`ACCEPTING_EDGE` words of a short
turn that asks nothing ("Fine, Thursday's good then.", "... the hot water bottle. Thanks."): the call may be closing."""
ACCEPTING_EDGE = 3
"""How many words at each end of the customer's turn are looked at for :data:`ACCEPTING_WORDS`."""
DECLINING_OPENERS = frozenset({"no", "nope", "nah", *NO_AS_HEARD})
"""A customer turn opening with one of these ("No, thank you", heard "Now, thank you, Gloria." in c1011) answers a
question the agent asked, often "anything else?" heard garbled: no close by the call's shape follows it."""
GOING_ON_WORDS = frozenset(
    {
        *("next", "what", "whats", "what's", "when", "whens", "when's", "where", "which", "how", "please", "let"),
        *("just", "moment", "sec", "second", "minute", "wait", "one", "first"),
    }
)
"""Words with which an agent's short turn goes on with the business ("Lovely, now the first line of the address.",
"okay thanks whats the best number to reach you", "Sound, now let me read back the address.", "alright cheers one sec
while i put that in"): no close by the call's shape; so is "now" other than as the turn's last word ("Right, that's
the card done, now the billing address."; "you're all done now" may close). Designed on the open wording lists'
mid-call lines (``[not_closing]``) read as a reply to a customer who accepted, late in a call (session 47, C17)."""
REQUEST_WORDS = frozenset({"please", "pls", "would", "i'd", "we'd", "that'd", "it'd"})
"""Words with which a customer asks the agent to do something or says what they would like ("Yes please.", "Please go
ahead and make it.", "Wednesday or Thursday would be best."): the agent's short reply that follows does it ("It's
booked, you'll get a tracking text shortly."), news the customer answers, not the close (:meth:`ClosingRule._accepts`;
session 48, C18: the script-text extras of c155, c824, c1009, c1033, c1045)."""
REQUEST_VERBS = frozenset(
    {
        *("book", "put", "make", "send", "go", "add", "order", "pop", "stick", "pencil", "reserve", "charge"),
        *("cancel", "change", "sign", "ship", "post", "email", "text", "swap", "switch", "bill", "register"),
        *("give", "tell", "show"),  # the customer asks for a detail ("Right. Give me their number then.", c155)
    }
)
"""Verbs that, opening a clause of the customer's turn after its accepting words ("Perfect, book the lot."; "Lovely,
put me down for Tuesday."), ask the agent to act: see :data:`REQUEST_WORDS`."""
REQUEST_LEADS = frozenset({"yes", "yeah", "yep", "aye", "oh", "and", "so", "then", "just", "well"}) | ACCEPTING_WORDS
"""Words skipped at a clause's start before its verb is read (:data:`REQUEST_VERBS`; "Yes, just book it.")."""
PROMISE_OPENERS = (("i'll",), ("i", "will"), ("we'll",), ("we", "will"))
"""First words of an agent final that promises the next step ("I'll email you the new tracking number.", c587's script;
"I'll pencil you in for Wednesday at eight.", c824's): the customer answers it ("Go on then, ta."), so it is no close
by the call's shape (:meth:`ClosingRule._wound_down`), unless the promise is a goodbye's own verb
(:data:`PROMISED_GOODBYES`: "We'll be in touch.", "I'll let you go" is a cue anyway; session 48, C18, in sample)."""
PROMISED_GOODBYES = frozenset({"be", "leave", "let", "see", "speak", "talk", "catch", "chat"})
"""Verbs after a :data:`PROMISE_OPENERS` opening that make the promise a goodbye, not a next step."""
YIELD_ENDINGS = (("go", "on"), ("go", "ahead"))
"""Last words of an agent turn that hands the floor back ("sorry, go on"): the customer was cut off, the call goes on;
so does a turn with "sorry" in it (an apology mid-call, c959, c965, c1020)."""
SEND_OFF_GAP = 1
"""The most words between an agent's goodbye and a send-off after it ("and"): see :meth:`ClosingRule._send_off_from`."""
ADDRESS_TERMS = tuple(
    tuple(term.split())
    for term in (
        *("sir", "madam", "ma'am", "maam", "mam", "miss", "love", "lovey", "luv", "mate", "pal", "darling", "dear"),
        *("caller", "buddy", "good buddy", "my friend", "friend", "hun", "hon", "honey", "pet", "petal", "chuck"),
        *("duck", "boss", "chief", "guys", "folks", "fam", "bro", "bruv", "sweetheart", "sweetie", "my love"),
        *("my dear", "bab", "babe", "me duck", "young man", "young lady", "sister", "brother", "auntie", "uncle"),
        *("senor", "senora", "signora", "signore", "monsieur", "madame", "amigo", "amiga", "fella", "my man"),
        *("la", "lad", "lar", "kidda", "our kid"),  # Scouse ("Sound, la, see yer.": list AO; session 44, C14)
    )
)
"""Terms of address that may follow a goodbye as part of it ("Catch you on the flip side, caller, you've been
fabulous!", "Viszlát, madam, all is done."): they do not count among the words after the goodbye
(:data:`AFTER_WORDS`, :data:`CUSTOMER_AFTER_WORDS`) nor between it and a send-off (session 34, C4: list AE's missed
goodbyes were each a goodbye, a term of address and a short remark or wish)."""
MINIMISER_CUES = (("that's", "all"), ("that", "is", "all"))
"""Goodbyes that also say "only this": "it just needs a backwash, that's all" (c622 at 16.5 s, its agent cutting in,
heard "it's me, my mac wash, that's all"), "the roofer's rained off, that's all" (a calm-down line). After a clause
of their own in the same sentence (:data:`MINIMISER_WORDS`) they end an explanation, not the call (session 28,
G15): see :func:`_minimising`."""
MINIMISER_WORDS = 2
"""The fewest words before a :data:`MINIMISER_CUES` goodbye in its sentence, other than
:data:`CLOSE_LEAD_WORDS`, that make it "only this" ("it needs a backwash, that's all": 4). "Okay, lovely, I think
that's all." has none: it closes."""
CLOSE_LEAD_WORDS = frozenset(
    (
        *("okay", "ok", "right", "alright", "so", "well", "and", "then", "now", "oh", "um", "uh", "er", "erm"),
        *("yes", "yeah", "yep", "no", "nope", "nah", "i", "think", "guess", "reckon", "believe", "suppose"),
        *("lovely", "great", "perfect", "brilliant", "good", "fine", "grand", "super", "fab", "cool", "excellent"),
        *("smashing", "wonderful", "marvellous", "champion", "sound", "cheers", "thanks", "thank", "you", "ta"),
    )
)
"""Words that lead into a goodbye "that's all" without making it "only this" (:func:`_minimising`)."""
REACTION_LEADS = CLOSE_LEAD_WORDS | frozenset(
    {"ah", "aw", "aww", "ooh", "wow", "bless", "fantastic", "amazing", "awesome", "nice", "wicked", "gosh", "blimey"}
)
"""Words that may come before a luck wish in an agent turn that only reacts to the customer's news ("Oh, good luck to
them.", "Aw, bless, all the best to her."): see :meth:`ClosingRule._reacts`."""
LUCK_WISHES = (
    ("good", "luck"),
    ("best", "of", "luck"),
    ("the", "best", "of", "luck"),
    ("all", "the", "best"),
    ("break", "a", "leg"),  # the stage's (session 51, C21: c1181)
)
"""Wishes of luck: as a whole agent turn they answer news as often as they close ("My daughter sits her driving test on
Friday." "Ah, best of luck to her."), unlike a visit or a goodbye ("Alright, see you Thursday.", c683's close after
"Thursday morning then. I'll trailer it over."): see :meth:`ClosingRule._reacts`."""
WRAPPED_UP = frozenset(
    ("done", "sorted", "booked", "confirmed", "sent", "arranged", "through", "processed", "cancelled", "fixed")
)
"""A clause's last word that says the business is done ("your refund's gone through, that's all"): the "that's all"
after it is the agent's wrap-up, a goodbye (:func:`_minimising`)."""
FRAMED_WRAP_UPS = (
    # "that's you / us" + what was done, the wrap-up of the north and Scotland ("that's you in the book", "that's you
    # pencilled in", "that's us sorted for Saturday")
    "(that's|that is|thats) (you|us)",
    "(you're|you are|you're now|you are now|you'll be|you will be|you should be|you should now be) (all|both|) "
    "(set|sorted|done|booked|booked in|good to go|good|sorted out|ready|ready to go|confirmed|squared away|fixed up|in|"
    "on the list|in the diary|in the book|pencilled in|penciled in|sorted then|set then)",
    "(we're|we are|we're all|we are all) (all|both|) (done|sorted|set|good|booked|finished)",
    "(it's|it is|that's|that is|everything's|everything is|all|that's all|it's all|all's) (all|) (done|sorted|booked|"
    "booked in|set|confirmed|arranged|fixed|in the diary|in the book|pencilled in|penciled in|on the system|sent|"
    "gone through|on its way|finished|complete|completed)",
    # session 40 (C10): the matter left there ("we'll leave it at that so")
    "(we'll|we will|i'll|i will|let's|let us|we can) leave it (at that|there)",
    "(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|next week|the weekend|that day|"
    "that date|the morning|the afternoon|the evening|the (*|* *) slot|o'clock|oclock|thirty|fifteen|forty five|"
    "half past *) it is",
    # session 50 (C20, in sample: tuning c1081 as heard, "So, Salty, your tickets will be in the post by Friday, based
    # on eating milk." for "Sorted, ... by Friday, be seeing you"): what was ordered promised on its way to the customer
    "(it'll|it will|they'll|they will|that'll|that will|will|'ll) be (in the post|with you|on its way|on their way|"
    "in your inbox)",
    # session 50 (C20, in sample: list AU after its score, "Awesome sauce, your order's in, later, dude."): what was
    # ordered said to be in or through
    "(your|the) (order's|order is|booking's|booking is|payment's|payment is|claim's|claim is|refund's|refund is|"
    "request's|request is|application's|application is) (all|) (in|through|gone through|placed|booked|confirmed|done|"
    "sorted|sent)",
)
"""Wrap-up frames: the agent saying the business is done ("that's you in the book for Tuesday", "you're all set for
Saturday", "Friday it is"; two people booked together, "you're both booked for Sunday", c1084 as heard: session 50,
C20). Followed in the turn's last sentence by a short sign-off of any words that ends the turn
they close it (:func:`_framed_sign_off`, session 38, C8): the unseen parts' missed closes were a wrap-up and a
regional or slang goodbye no table held ("hwyl for now", "haste ye back", "take 'er easy", "laters pet", "safe
home", "kwaheri"), often heard as other words; the frame is what carries, the goodbye is free."""
BARE_WRAP_UPS = (
    "(you|wunna|y'all|yall|youse|yinz|you guys|you lot|you both) (all|) (set|sorted|good|good to go|done|booked|"
    "booked in) (then|now|so|)",
    "(call|job|booking|order) (complete|completed|done|finished|closed) (then|now|so|)",
)
"""Wrap-up frames with no verb (session 40, C10: "you all set", Bajan "wunna good", "y'all sorted then", a controller's
"call complete"): they frame a sign-off only when it follows them at once, after a comma ("Alright, you all set, check
you later."); with words between they are the start of a sentence going on ("when you set it up, press reset", "once
the order completed, it drops off the list, right")."""
WHEN_WORDS = frozenset(
    {
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow", "tonight"),
        *("morning", "afternoon", "evening", "week", "weekend", "noon", "midday", "o'clock", "oclock"),
    }
)
"""Words that make a free sign-off a detail of when ("It'll be with you by Thursday, well before Sunday.", quiet c999's
script: a promise the customer still answers), not a goodbye heard as other words: see :func:`_framed_sign_off` (session
50, C20). A goodbye naming a day ("see you Sunday") is a closing cue of its own."""
SIGN_OFF_WORDS = 4
"""The most words of the free sign-off, the clause after the last comma of the turn ("haste ye back": 3; a goodbye
heard as more words than said: 4)."""
FRAME_GAP = 6
"""The most words between a wrap-up frame's end and the sign-off ("that's you | in the book for Tuesday then |, hwyl
for now": 6)."""
FRAMED_SENTENCE_WORDS = 16
"""The longest last sentence, in words, that a framed sign-off closes: a longer one is an explanation going on."""
NOT_SIGN_OFF = frozenset(
    (
        *("and", "but", "so", "or", "also", "plus", "next", "first", "then", "one", "just", "only", "now", "before"),
        *("after", "if", "unless", "because", "cos", "though", "although", "except", "while", "until", "till"),
        *("what", "can", "could", "would", "should", "will", "shall"),
        *("do", "does", "did", "is", "are", "was", "were", "let", "let's", "please", "i'll", "we'll", "i", "we"),
        *("i've", "we've", "i'm", "we're", "there's", "here's", "the", "a", "an", "your", "our", "my", "it", "it's"),
        *("that", "this", "these", "those", "not", "hold", "hang", "bear", "give", "sign", "pay", "bring"),
        *("check", "remember", "make", "keep", "call", "ring", "text", "email", "send"),
        *("under", "at", "with", "by", "from", "via", "per", "for", "to", "reference", "ref", "order", "booking"),
    )
)
"""First words of a last clause that go on with the business rather than sign off ("you're all set, one more
thing", "that's you booked in, and the deposit", "that's you in, just bring the form", "you're set, the code is
..."), or that give the booking's details ("that's booked for Friday at seven, under Okafor": a confirmation the
customer may still answer, not a goodbye; lead, session 38)."""
HEDGES = (
    ("fingers", "crossed"),
    ("touch", "wood"),
    ("knock", "on", "wood"),
    ("all", "being", "well"),
    ("all", "going", "well"),
    ("god", "willing"),
    ("give", "or", "take"),
    ("more", "or", "less"),
    ("or", "thereabouts"),
    ("at", "the", "latest"),
    ("latest",),
    ("at", "most"),
    ("at", "a", "push"),
    ("in", "theory"),
    ("sadly",),
    ("apologies",),
    ("my", "apologies"),
    ("sorry",),
    ("worst", "case"),
    ("no", "promises"),
    ("weather", "permitting"),
)
"""Last clauses that hedge or regret what the turn promised or told ("It'll be with you by Friday, hopefully.", "They'll
be in the post tomorrow, fingers crossed.", "The refund is through, it takes three days, apologies."): the agent still
on the business, which the customer may answer, not a goodbye heard as other words (session 52, C22, from helper R15's
note on session 50's frames); a clause opening with one of these is no free sign-off (:func:`_hedges`). An adverb
ending "-ly" opens such a clause too (:data:`HEDGE_ADVERB_LETTERS`)."""
HEDGE_ADVERB_LETTERS = 7
"""The fewest letters of a lower-case word ending "-ly" that, opening the last clause, makes it a hedge or a comment
("hopefully", "annoyingly", "probably", "roughly", "usually"); shorter ones ("lovely", "early") and capitalised ones
(a name: "Kimberly") are not read so: see :func:`_hedges`."""
LEAD_SIGN_OFF_WORDS = 8
"""The longest agent turn, in words, that an acknowledgement and a free sign-off close ("Alrighty, later days": 3;
"No dramas. Righty-ho, ciao for now": 7): see :func:`_acknowledged_sign_off`."""
NOT_FREE_SIGN_OFF = NOT_SIGN_OFF | frozenset(
    (
        *("you", "you're", "you'll", "you've", "he", "he's", "she", "she's", "they", "they're", "his", "her", "their"),
        *("its", "me", "us", "him", "them", "how", "where", "when", "who", "which", "why", "got", "gotcha", "noted"),
        *("understood", "moving", "anyway", "go", "going", "sec", "secs", "second", "moment", "mo", "minute", "two"),
        *("wait", "lemme", "gimme", "back", "here", "there", "yes", "no", "yeah", "yep", "ok", "okay", "right", "of"),
        *("tomorrow", "today", "tonight", "morning", "afternoon", "evening", "week", "month", "year", "mr", "mrs"),
        *("ms", "miss", "dr", "mm", "mmm", "hmm", "um", "uh", "er", "erm", "ah", "oh", "makes", "fair", "in", "on"),
        *("all", "as", "same", "sounds", "looks", "seems", "not", "never", "yours", "mine", "bless", "sorry"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "half", "quarter", "noon"),
        *("he'll", "she'll", "they'll", "it'll", "that'll", "that's", "you'd", "he'd", "she'd", "they'd", "we'd"),
        *("i'd", "carry", "continue", "fire", "shoot", "away", "ahead", "sure", "crack", "tell"),
    )
)
"""First words of the clause after an acknowledgement that make it no sign-off: :data:`NOT_SIGN_OFF`'s (the
business goes on), a pronoun or a question word (a statement or a question: "Lovely, you'll get it Monday"), an
acknowledgement or a promise of a moment ("Okay, got it", "Right, two secs", "Lovely, moving on"), a day, a time or
a title (a detail or a name: "Great, tomorrow then", "Brilliant, Thursday at two", "Perfect, Mrs Okafor"; a visit
booked is a goodbye only in the tables' words, "see you Thursday"), the customer told to go on ("Thanks, carry on",
"Okay, fire away"), a pronoun's remark ("Oh lovely, she'll have a ball"), a hesitation (a goodbye lost in
recognition is no words, not "mm"), and a remark on what was said ("Okay, makes sense", "Right, fair enough")."""
BY_AS_BYE_LEADS = frozenset(
    {"so", "then", "now", "okay", "right", "alright", "grand", "lovely", "cheers", "thanks", "great", "perfect"}
    | {"brilliant", "sound", "righto", "good", "yeah", "sure", "bye"}
)
"""Words after which a "by" or "buy" ending a turn is the goodbye "bye" as the recogniser wrote it ("Grand so, bye"
heard "I will run so by,", c920; "okay then, by"; "good by"): :func:`_by_as_bye`. After these words "by" has nothing
to be a preposition of; after a verb it is one ("I'll pop by", "the quote we go by", "please stand by") and stays
"by"."""
PASTIME_WORDS = 3
"""The most words of a pastime wish, "happy" included ("happy metal detecting"): see :func:`_pastime_wish`."""
NOT_PASTIMES = frozenset(
    {"thing", "something", "anything", "nothing", "everything", "morning", "evening", "during", "bring", "string"}
)
"""Words ending in "-ing" that name no doing: "happy" before them wishes no pastime."""
WISH_ADJECTIVES = frozenset(
    {"good", "nice", "great", "lovely", "brilliant", "grand", "fab", "fantastic", "wonderful", "super", "smashing"}
    | {"cracking", "safe", "happy", "fun", "marvellous", "terrific", "blessed", "belated", "glorious", "splendid"}
)
"""Adjectives of a wish for what the customer goes on to do ("have a good dive", "have a brilliant fete"): see
:func:`_pastime_wish`."""
NOT_ACTIVITIES = frozenset(
    {"look", "think", "read", "go", "try", "chat", "talk", "word", "cry", "moan", "rant", "rummage", "dig", "listen"}
    | {"feel", "guess", "search", "browse", "check", "root", "poke", "scan", "sort", "clear", "point", "case", "idea"}
    | {"reason", "chance", "memory", "eye", "feeling", "deal", "price", "offer", "rate", "range", "choice", "option"}
)
"""Nouns after "have a good" that name no outing but something to do or to be had during the call ("have a good look
at the label", "have a good think", "have a good rummage") or a thing the business offers ("you'd have a good deal"): no
wish of :func:`_pastime_wish`."""
PASTIME_LEADS = frozenset({"and", "so", "oh", "well", "anyway", "now"})
"""Words before "happy" that leave the clause a pastime wish ("and happy baking")."""
PASTIME_TAILS = frozenset({"then", "now", "so", "to", "you", "both", "all"})
"""Words after the pastime that leave it the turn's last words ("happy sailing to you both"), besides
:data:`ADDRESS_TERMS`."""
_TURN_FINAL_BY = re.compile(r"\b(\w+)([\s,.!;:-]+)(by|buy)((?:\s+(?:for\s+)?now)?)([\s,.!;:-]*)$", re.IGNORECASE)

REPLY_MAX_S = 15.0
"""Seconds after a customer's close that an agent reply with no final yet still holds the nudge."""
REPLY_GOODBYE_WORDS = 4
"""The most words the customer may say after the agent's last final, ending on a goodbye and asking nothing,
for them to read as the customer answering the agent's goodbye ("Oh. Right, bye then.": 4; "Cheers, bye.": 2;
"Oh." and "Bye." as two finals: 2): the agent has closed, whether or not their goodbye was heard, so the
nudge fires at once instead of waiting ``wait_s`` for an ask that will not come. A longer goodbye ("Great,
thanks for all your help today.") may be the customer opening the close, and waits; but see
:data:`THANKED_REPLY_WORDS`."""
THANKS_FORMULA = frozenset({*THANKS_WORDS, "you", "very", "much", "so", "ever", "a", "lot", "again", "loads", "love"})
"""Words of a thanks said as a formula ("thank you very much", "thanks ever so much", "cheers again")."""
THANKS_NAME_WORDS = 2
"""The most other words the thanks before the goodbye may hold: the agent's name ("Thanks, Aldwyn", heard "Thanks,
old wind")."""
REPLY_SUBJECTS = frozenset(
    {"i", "i'll", "i'm", "i'd", "we", "we'll", "we're", "he", "she", "they", "it", "it's", "that", "that's", "he'll"}
    | {"she'll", "they'll", "you'll", "you're", "my", "your", "our", "the", "this", "his", "her", "their"}
)
"""Words that make those other words news of the customer's own ("Thanks, I'll ring tomorrow, bye.", "Thanks, the van
is due, bye."), not a name, or the last clause more than a farewell ("Thank you. That's all I wanted."): that close may
still get the agent's ask, and waits."""
THANKED_REPLY_WORDS = 6
"""The most words of that answer when it opens with thanks (:data:`THANKS_WORDS`, after leading
:data:`FILLER_WORDS`) and its last sentence or clause is the goodbye, at most :data:`REPLY_GOODBYE_WORDS` words: thanks
then a goodbye answer the agent's close ("Thank you very much, bye.", "Thanks, Aldwyn, bye now." heard "Thanks, old
wind. Bye now.", c1270 at 137.3 s, the agent's "tara" heard "In the meantime,"; session 56, C26). Waiting ``wait_s``
for them put the nudge after the close's window. Thanks for something ("Okay, thanks for your help, bye.") may open
the close, the agent's ask still to come, and waits."""

LOOK_UP_NOW = re.compile(
    r"\b(?:let me|let's|(?:one|just a|give me a|a) (?:moment|mo|sec|secs|second|tick|jiffy)"
    r"|i'm (?:just |now |still |currently )*[a-z]+ing|we're (?:just |now |still |currently )*[a-z]+ing|while i"
    r"|just (?:checking|looking|pulling|bringing|getting|finding|searching))\b"
)
"""Words that say the look-up ending an agent final is done now, the customer waiting on the line while the agent
works (:func:`_looks_up_now`): "let me", a moment asked ("one moment", "just a sec", "give me a second"), the work
narrated as under way ("I'm just looking", "we're checking"), "while I". Not "I'll" alone: a promise ("I'll just pop the
confirmation in the post for you") may be the agent's close."""
FILLER_WORDS = frozenset(
    {"okay", "ok", "right", "alright", "hmm", "hm", "mm", "mmm", "mm-hm", "mhm", "uh-huh", "uh", "huh", "um", "er"}
    | {"erm", "yep", "yeah", "yes", "now", "then", "so", "well", "sure", "oh", "ah"}
)
"""Words of an agent final that says nothing but takes in what was said or starts work ("Okay.", "Hmm.", "Right then.",
"Mm-hm.", "Now then."): see :func:`_filler`."""
FILLER_TURN_WORDS = 3
"""The most words of such a final ("Yeah, okay.", "Hmm. Okay, right.")."""
MOMENT_ASKS = frozenset(
    {"one moment", "just a moment", "a moment", "one sec", "just a sec", "one second", "just a second", "two secs"}
    | {"two seconds", "give me a second", "give me a sec", "give me a moment", "let me see", "let's see", "lets see"}
    | {"let me think", "let me have a look", "let me have a think", "just one moment", "one moment please"}
)
"""A last sentence that only asks for a moment ("One moment.", "Let me see."), said before the agent works in silence
(the scripts' dead air: c15, c442, c613, c746): see :func:`_filler`. Not "let me see if ..." with more words (a
look-up :func:`_looks_up_now` judges) nor a moment asked with more after it in the sentence."""
STEP_AWAY_ASKS = (
    *(("hang", "on"), ("hold", "on"), ("one", "second"), ("one", "sec"), ("just", "a", "sec"), ("just", "a", "second")),
    *(("one", "moment"), ("just", "a", "moment"), ("bear", "with", "me"), ("two", "secs"), ("second",), ("sec",)),
    *((lead, "a", unit) for lead in ("give me", "wait", "excuse me") for unit in ("sec", "second", "moment", "minute")),
)
"""Openings of a customer's last sentence that ask the agent to wait while they deal with someone else ("Oh, hang on
one second, Hepsie.", heard "second." in c1288 at 26.5 s): see :func:`_steps_away`."""
STEP_AWAY_WORDS = 5
"""The most words of that sentence after its leading fillers ("hang on one second, Hepsie": 5)."""
SEEKING = re.compile(
    r"\b(?:check(?:ing)?(?! out of\b)|look(?:ing)?(?! forward\b)|find|finding|search|searching|locate|locating"
    r"|scroll|scrolling|dig|digging|(?:see|seeing) (?:if|what|which|whether|where|when|how|who)"
    r"|(?:pull|pulling|bring|bringing|call|calling|get|getting)(?: [a-z']+){0,3}(?<!ed) up)\b"
)
"""Verbs of a look-up, seeking something (:func:`_looks_up_now`): "check", "look", "find", "search", "see if", "pull
<it> up", "bring <your account> up". Work done for the customer ("I'm just sending the confirmation email now", "we're
just processing the refund", "let me pop that in the post") is none: the agent's close may narrate it (helper R19's
read of round one, session 54); nor are "looking forward", "checking out of" (leaving) or a thing got into a state
("let me get that all tidied up", "getting your card lined up": a past form before "up"; session 56, R21, helper
R19's look-alikes)."""


class ClosingRule:
    kind = "check_anything_else"

    def __init__(self, cfg: CheckAnythingElse) -> None:
        self.cfg = cfg
        self._lookback = seconds_to_samples(cfg.lookback_s)
        self._wait = seconds_to_samples(cfg.wait_s)
        self._last_ask: int | None = None
        self._pending: tuple[Utterance, str] | None = None
        self._replying: str | None = None  # the agent turn that answers a pending customer close
        self._reply_max = seconds_to_samples(REPLY_MAX_S)
        self._customer_spoke = False
        self._agent_replied = False  # an agent final came after the customer's first words
        self._customer_settled = False  # the customer's last turn was a short acknowledgement (not a hold consent)
        self._customer_thanked = False  # the customer's last turn ended on thanks (THANKS_WORDS)
        self._customer_words = 0  # words of the customer's last turn
        self._customer_accepted = False  # the customer's last turn accepted what was agreed (_accepts)
        self._customer_requested = False  # the customer's last turn asked the agent to act (_requests)
        self._by_shape: tuple[str, str] | None = None  # (moment, said) of a nudge fired by the call's shape
        self._first_reply = False  # the agent turn judged is their first reply to the customer
        self._turn_end = seconds_to_samples(cfg.turn_end_s)
        self._early: tuple[str, str] | None = None  # (moment, said) fired before the turn's final
        self._agent_before: str | None = None  # the agent's last final ...
        self._since_agent = ""  # ... and the customer's words after it (their finals joined)
        self._customer_done = False  # the customer's last turn answered "anything else?" ("No, that's everything")
        self._hold_asked = False  # the agent's last final asked the customer to hold (see _asks_to_hold)
        self._looking_up = False  # the agent's last final: a look-up now or a filler (_looks_up_now, _filler)
        self._filler_before = False  # ... a filler, not a look-up
        self._customer_away = False  # the customer asked the agent to wait since the agent's last final (_steps_away)
        self._agent_away = False  # the agent's last final asked the customer to wait, no customer words since
        self.fired = False

    def _asked_recently(self, now: int) -> bool:
        return self._last_ask is not None and now - self._last_ask <= self._lookback

    def _asks(self, text: str) -> bool:
        """Whether the agent's ``text`` asks "anything else?" or recaps: in the words of ``asks`` / ``recaps``, or
        ending on the offer of more help by its shape, its words garbled (:func:`~coach.language.closing_offer.
        offers_more`: "... and the other thing I can tell with", c1257; session 55, C25)."""
        return first_match(text, (*self.cfg.asks, *self.cfg.recaps)) is not None or offers_more(text)

    def _fire(self, u: Utterance, said: str, agent_said: str | None, **basis: str) -> list[Nudge]:
        """The nudge for the close ``u``; ``basis`` (``basis="shape"``: :meth:`_wound_down`) goes into its evidence."""
        self.fired = True
        self._pending = None
        return [
            nudge(
                self.kind,
                self.cfg.text,
                self.cfg.severity,
                u.start,
                u.utt,
                said=said,
                speaker=u.speaker,
                agent_said=agent_said,
                why=self.cfg.why,
                **basis,
            )
        ]

    def closing_turn(self, text: str) -> bool:
        """Whether the agent's words ``text`` (a turn, whole or so far) are said as the call closes: the
        customer's last turn answered "anything else?" or said a goodbye the agent has not answered, the close
        was nudged already, or ``text`` ends on the agent's goodbye (:meth:`_agent_cue`)."""
        return self._customer_done or self._pending is not None or self.fired or self._agent_cue(text) is not None

    def _agent_cue(self, text: str) -> Match | None:
        """The agent's goodbye that ends the turn ``text``, or ``None``: a closing cue with at most
        ``AFTER_WORDS`` words after it (and at most :data:`AGENT_GLUED_GOODBYE_WORDS` before it in its sentence), a
        tail cue with at most ``TAIL_WORDS``, or a wrap-up cue ending a short turn that answers a settled customer.
        A goodbye or tail cue past :data:`AGENT_GLUED_GOODBYE_WORDS` in its sentence is no cue, and the routes after
        it (the thanked wrap-up, the pastime wish, the framed or acknowledged sign-off) still judge the turn as they
        would with no such words: those long words stop nothing (session 53, C23, after helper R16's second read)."""
        cue = self._goodbye_ending(text, AFTER_WORDS, agent=True)
        if cue is not None and cue.start <= AGENT_GLUED_GOODBYE_WORDS:
            return cue  # (past AGENT_GLUED_GOODBYE_WORDS: a long sentence the recogniser ended on a farewell)
        if self._first_reply and self._customer_words > OPENING_STORY_WORDS:
            return None  # the first reply to the reason for the call (OPENING_STORY_WORDS)
        total = len(tokens(text))
        tails = self._tail_cues(wrap_up=self._customer_settled and total <= WRAP_UP_WORDS)
        for found in find_grouped(text, tails, exceptions=self.cfg.not_tail):  # each cue's, in configured order
            m = max(found, key=lambda m: m.offset + m.end, default=None)  # ending last ("fair winds ... to you": twice)
            if m is not None and total - (m.offset + m.end) <= TAIL_WORDS and not self._reacts(text, m):
                if m.start <= AGENT_GLUED_GOODBYE_WORDS:
                    return m
                break  # (past AGENT_GLUED_GOODBYE_WORDS: no tail cue; the other routes below still judge the turn)
        if self._customer_thanked and total <= THANKED_WRAP_UP_WORDS:
            last = [m for m in find_phrases(text, self.cfg.wrap_up_cues, exceptions=self.cfg.not_tail)]
            ended = next((m for m in last if m.offset + m.end == total), None)  # THANKED_WRAP_UP_WORDS
            if ended is not None:
                return ended
        wish = _pastime_wish(text)
        if wish is not None and not _looped([w.lower() for w in tokens(text)], wish):
            return wish  # (a wish said twice back to back is the recogniser's loop, as a goodbye is: _looped)
        framed = _framed_sign_off(text, self.cfg.not_tail)
        if framed is None and (self._customer_settled or self._customer_thanked):
            return _acknowledged_sign_off(text, self.cfg.sign_off_leads)
        return framed

    def _tail_cues(self, *, wrap_up: bool) -> PhraseGroups:
        """``closing_tail_cues`` (then ``wrap_up_cues`` when ``wrap_up``), each cue a list of its own, joined once per
        configuration: :func:`~coach.language.text.find_grouped` reads each cue's matches from one walk of the turn, as
        asking :func:`~coach.language.text.find_phrases` cue by cue did (~65 asks a turn, a tenth of a wording line's
        CPU; session 58, T58)."""
        cues = (self.cfg.closing_tail_cues, self.cfg.wrap_up_cues) if wrap_up else (self.cfg.closing_tail_cues,)
        return phrase_groups(cues, one_each=True)

    def _heard_cue(self, u: Utterance) -> Match | None:
        """:meth:`_agent_cue` of the agent's words ``u``, unless that goodbye has two words or more and their heard
        span is under :data:`UNSAID_WORD_S` a word: words the recogniser wrote over no speech are no goodbye said."""
        cue = self._agent_cue(u.text)
        words = u.match_words(cue) if cue is not None else ()
        if len(words) < 2:
            return cue
        span = float(words[-1]["end"]) - float(words[0]["start"])
        return None if span < UNSAID_WORD_S * len(words) else cue

    def _reacts(self, text: str, m: Match) -> bool:
        """Whether the tail cue ``m`` ending the agent's turn ``text`` is a reaction to the customer's news, not a
        close: it wishes luck (:data:`LUCK_WISHES`), nothing but :data:`REACTION_LEADS` words comes before it in the
        turn ("Oh, good luck to them."), and the customer's last turn neither settled, ended on thanks, accepted what
        was agreed (:meth:`_accepts`) nor asked the agent to act (:func:`_requests`): it was news ("My two lads are
        running the Great North Run on Sunday, that's why I need the van back."). A wish after the business ("Done,
        the receipt is in your inbox, good luck to the kids"), after the customer's thanks, or answering "Put it on
        the club card, please." closes (session 50, C20)."""
        said = [w.lower() for w in tokens(m.said)]
        if not any(said[: len(wish)] == list(wish) for wish in LUCK_WISHES):
            return False  # "Alright, see you Thursday." after "Thursday morning then." closes (c683)
        if self._customer_settled or self._customer_thanked or self._customer_accepted or self._customer_requested:
            return False
        before = [w.lower() for w in tokens(text)][: m.offset + m.start]
        return all(w in REACTION_LEADS for w in before)

    def _goodbye_ending(self, text: str, max_after: int, *, agent: bool = False) -> Match | None:
        """The last closing cue of ``text`` followed by at most ``max_after`` words, or by nothing but a send-off
        (:meth:`_send_off_from`), terms of address after it not counted (:data:`ADDRESS_TERMS`): one that ends the turn;
        or ``None``. A goodbye said twice back to back is no cue
        (:data:`LOOP_WORDS`), nor a "that's all" that means "only this" (:func:`_minimising`), nor one glued on
        (:func:`_glued`; ``agent``: ``text`` is the agent's, where a farewell joined on deep in a sentence is glued
        too)."""
        text = _by_as_bye(text)
        words = [w.lower() for w in tokens(text)]
        cues = find_phrases(text, self.cfg.closing_cues, exceptions=self.cfg.not_closing)
        glued = min((m.offset + m.start for m in cues if _glued(words, m, deep=agent)), default=len(words))
        cues = [m for m in cues if m.offset + m.start < glued]  # a glued farewell and what follows it (_glued)
        cues = [m for m in cues if not _looped(words, m) and not _minimising(words, m)]
        after = [(m, _past_address(words, _past_repeats(words, m))) for m in cues]
        ending = [m for m, rest in after if len(words) - rest <= max_after]
        if ending:
            return ending[-1]
        send_offs = [m for m, rest in after if self._send_off_from(text, len(words), rest)]
        return send_offs[-1] if send_offs else None

    def _send_off_from(self, text: str, total: int, start: int) -> bool:
        """Whether the words of ``text`` (``total`` of them) from token ``start`` on are only a send-off after a
        goodbye: a wish (a tail or wrap-up cue: "ta-ra, enjoy the kayaking this weekend") or thanks
        (``send_off_thanks``: "goodbye, and thanks for bearing with us") that begins at most
        :data:`SEND_OFF_GAP` words after ``start`` and ends the turn (at most ``TAIL_WORDS`` words after it)."""
        wishes = find_phrases(text, (*self.cfg.closing_tail_cues, *self.cfg.wrap_up_cues), exceptions=self.cfg.not_tail)
        for m in (*wishes, *find_phrases(text, self.cfg.send_off_thanks)):
            first, last = m.offset + m.start, m.offset + m.end
            if 0 <= first - start <= SEND_OFF_GAP and total - last <= TAIL_WORDS:
                return True
        return False

    def on_agent_words(
        self, u: Utterance, heard: Utterance | None = None, *, paused: bool = False
    ) -> list[Nudge | Withdrawal]:
        """The committed words ``u`` of an agent turn still being spoken (``heard``: the whole partial,
        its words committed or not, ``end`` the end of the audio it heard): a reply to a pending
        customer close holds the nudge until its final; an ask among them settles the close at once.
        When ``paused`` (the VAD counted a provisional end of turn's silence after ``heard``: a
        partial marked ``pause``), ``heard`` ends on a goodbye that ends the turn and its decode heard
        at least ``turn_end_s`` of audio after the last word, the nudge fires now; an early nudge of
        this turn whose goodbye no longer ends it is taken back. Not early (the final judges it): any goodbye while no
        customer goodbye waits for the agent's reply (``_pending``): a pause after a close-like sentence is as often
        the breath before the ask ("... with our best wishes to your parents." and, 0.34 s on, "Is there anything else
        I can help you with?", quiet c950 at 72.8 s: nudged from the pause, taken back 0.8 s later; "See you then." /
        "Monday it is." before the ask in the scripts of c862 / quiet c835); the turn's final, ``min_silence_ms``
        (0.5 s) after the last word, decides it, about 0.26 s later than the pause (session 42, Q40)."""
        heard = heard or u
        self._first_reply = not self._agent_replied
        out: list[Nudge | Withdrawal] = [*self._recheck_early(heard)]
        if self._pending is not None and not self.fired and u.start >= self._pending[0].start:
            self._replying = u.utt
            if u.text and self._asks(u.text):
                self._last_ask = u.end
                self._pending = None
                return out
        if self._pending is None:
            return out  # no customer goodbye waits: the ask may follow the pause, the final decides (session 42)
        if self.fired or self._asks(heard.text) or not heard.words:
            return out
        if first_match(heard.text, self.cfg.opening_cues) is not None:
            return out
        last_word_end = seconds_to_samples(float(heard.words[-1]["end"]))
        cue = self._heard_cue(heard)
        quiet = paused and heard.end - last_word_end >= self._turn_end
        if cue is None or not quiet or self._asked_recently(last_word_end):
            return out
        fired = self._fire(heard, cue.said, excerpt(heard.text))
        self._early = (fired[0].moment, cue.said)
        return [*out, *fired]

    def _recheck_early(self, u: Utterance) -> list[Withdrawal]:
        """Take back this turn's early nudge when ``u`` (more of the turn) no longer ends on a goodbye
        or asks "anything else?"."""
        if self._early is None or not self._early[0].startswith(f"{u.utt}:"):
            return []
        if self._heard_cue(u) is not None and not self._asks(u.text):
            return []
        moment, said = self._early
        self._early = None
        self.fired = False
        why = f"The agent went on after '{said}': it was not the end of the call, the nudge is taken back."
        return [Withdrawal(moment=moment, why=why)]

    def on_agent(self, u: Utterance) -> list[Nudge | Withdrawal]:
        """The agent's final ``u``: the close nudged (at once) or taken back (see the module docstring)."""
        return [*self._shape_taken_back(u), *self._on_agent_final(u)]

    def _shape_taken_back(self, u: Utterance) -> list[Withdrawal]:
        """Take back a nudge fired by the call's shape (:meth:`_wound_down`) when the agent speaks again (``u``, a later
        final with words): the turn it judged was not the agent's last ("Done, the invoice will be in your inbox
        tonight.", then the customer's thanks and the agent's goodbye); the rule can fire again, on this turn. A later
        final that would itself close by the call's shape (no goodbye, no ask, :meth:`_wound_down`) leaves the nudge
        standing: the agent adds a detail and the call still winds down ("Done, the card will be on the table." and
        "The cake comes out at nine." as two finals); taking it back to nudge the same close again made it flicker at
        every such final (session 48, R12)."""
        if self._by_shape is None or not tokens(u.text) or self._shape_stands(u):
            return []
        (moment, said), self._by_shape = self._by_shape, None
        self.fired = False
        why = f"The agent spoke on after '{said}': it was not the end of the call, the nudge is taken back."
        return [Withdrawal(moment=moment, why=why)]

    def _shape_stands(self, u: Utterance) -> bool:
        """Whether the agent's final ``u``, after a close nudged by the call's shape, would close by the shape too: no
        goodbye (:meth:`_heard_cue`: that close is nudged anew), no ask, no greeting, and :meth:`_wound_down`."""
        if self._heard_cue(u) is not None or self._asks(u.text):
            return False
        return first_match(u.text, self.cfg.opening_cues) is None and self._wound_down(u)

    def _on_agent_final(self, u: Utterance) -> list[Nudge | Withdrawal]:
        if self._replying == u.utt:
            self._replying = None
        self._agent_before, self._since_agent = u.text, ""
        self._customer_away = False
        away, self._agent_away = self._agent_away, _steps_away(u.text)
        self._hold_asked = _asks_to_hold(u.text)
        settled = self._customer_settled or self._customer_thanked  # (their turn before this final)
        looks_up = _looks_up_now(u.text)
        self._filler_before = not looks_up and not settled and _filler(u.text)
        self._looking_up = looks_up or self._filler_before
        self._first_reply = not self._agent_replied
        self._agent_replied = self._agent_replied or (self._customer_spoke and bool(tokens(u.text)))
        taken_back = self._recheck_early(u)
        if self._early is not None and self._early[0].startswith(f"{u.utt}:"):
            self._early = None  # the final confirms the early nudge
        if self._asks(u.text):
            self._last_ask = u.end
            self._pending = None
            return [*taken_back]
        if taken_back:
            return [*taken_back]
        if self.fired or not self._customer_spoke or first_match(u.text, self.cfg.opening_cues) is not None:
            return []  # the greeting, not a close
        cue = self._heard_cue(u)
        if cue is not None and self._said_in_the_room(u.text, cue, away=away):
            return []  # the agent's goodbye to someone in the room, the customer asked to wait (_said_in_the_room)
        if cue is not None and not self._asked_recently(u.end):
            return self._fire(u, cue.said, excerpt(u.text))
        if cue is None and self._wound_down(u):
            fired = self._fire(u, excerpt(u.text), excerpt(u.text), basis="shape")
            self._by_shape = (fired[0].moment, excerpt(u.text))
            return fired
        return []

    def _said_in_the_room(self, text: str, cue: Match, *, away: bool = False) -> bool:
        """Whether the agent's goodbye ``cue`` ending their final ``text`` follows their own ask that the customer wait
        (:func:`_steps_away`: "Sorry, one second."), with nothing but goodbyes between: said to someone in the room
        ("Right, that's helpful. Sorry, one second. Bye, Raminder. See you in the morning.", quiet c1360 at 26.8 s as
        heard, a colleague leaving, the agent then back to the customer's strimmer; session 58, Q56, designed after
        the flip of c1342-c1365: in sample). ``away``: the agent's last final ended on that ask and the customer has
        said nothing since; then a final of nothing but goodbyes is said in the room too ("Sorry, one second." and
        "Bye, Ravinder, see you in the morning!" as two finals), one with business before its goodbye ("Right, that's
        all done, bye now.") is the agent back with the customer, closing."""
        parts = sentences(text)
        head = parts[cue.sentence_index].tokens[: cue.start] if cue.sentence_index < len(parts) else ()
        if not self._only_goodbyes(" ".join(head)):
            return False  # business before the goodbye in its sentence ("Right, that's booked for Thursday, bye now.")
        for sentence in reversed(parts[: cue.sentence_index]):
            if _steps_away(sentence.text):
                return True
            if not self._only_goodbyes(sentence.text):
                return False
        return away

    def _only_goodbyes(self, text: str) -> bool:
        """Whether the agent's words ``text`` are nothing but goodbyes (each with at most ``AFTER_WORDS`` words after
        it: a name) and at most one word before the first ("Bye, Raminder.", "Night, Sue, take care"); not business
        that ends on one ("Yes, that's Thursday the ninth confirmed, take care", helper R23's look-alike)."""
        words = tokens(text)
        while len(words) > 1:
            m = self._goodbye_ending(" ".join(words), AFTER_WORDS, agent=True)
            if m is None or m.offset + m.start >= len(words):
                return False
            words = words[: m.offset + m.start]
        return True

    def _accepts(self, text: str) -> bool:
        """Whether the customer's turn ``text`` accepts what was agreed: at most :data:`WIND_DOWN_CUSTOMER_WORDS`
        words, no question, not opening with a "no" (:data:`DECLINING_OPENERS`), asking the agent to do nothing
        (:func:`_requests`), and settled, ending on thanks, or
        with an :data:`ACCEPTING_WORDS` word among its first or last :data:`ACCEPTING_EDGE` words."""
        words = [w.lower() for w in tokens(text)]
        if not words or len(words) > WIND_DOWN_CUSTOMER_WORDS or "?" in text or words[0] in DECLINING_OPENERS:
            return False
        if _requests(text):
            return False  # the agent's reply will do what was asked (REQUEST_WORDS)
        edges = {*words[:ACCEPTING_EDGE], *words[-ACCEPTING_EDGE:]}
        return self._settled(text) or _ends_on_thanks(text) or bool(edges & ACCEPTING_WORDS)

    def _wound_down(self, u: Utterance) -> bool:
        """Whether the agent's final ``u``, with no goodbye heard in it, closes the call by its shape (session 47,
        C17): a reply of at most :data:`WIND_DOWN_WORDS` words (:data:`WHOLLY_DONE_WIND_DOWN_WORDS` when it says the
        whole business is done, :func:`_wholly_done`), no question, no hand-back (:data:`YIELD_ENDINGS`,
        "sorry"), no hold (:func:`_asks_to_hold`: "bear with me while the page loads") and no next item
        (:data:`GOING_ON_WORDS`), to a customer whose last turn accepted what was agreed (:meth:`_accepts`), after
        :data:`WIND_DOWN_AFTER_S` of the call, with no ask within ``lookback_s``, and not the agent's first reply. It
        fires on the turn's final, while the customer is still on the line (their goodbye or the hang-up follows);
        the agent's goodbye lost to the recogniser is most of the closes missed ("Thanks for all in hand later." for
        "that's all in hand, laters")."""
        words = [w.lower() for w in tokens(u.text)]
        longest = WHOLLY_DONE_WIND_DOWN_WORDS if _wholly_done(u.text) else WIND_DOWN_WORDS
        if not self._customer_accepted or self._first_reply or not words or len(words) > longest:
            return False
        if "?" in u.text or "sorry" in words or tuple(words[-2:]) in YIELD_ENDINGS or _asks_to_hold(u.text):
            return False
        if _hands_back(u.text) or _promises(words):
            return False  # the customer is to go on, or to answer what the agent will do next
        if GOING_ON_WORDS.intersection(words) or "now" in words[:-1]:
            return False  # the business goes on (GOING_ON_WORDS)
        return u.end >= seconds_to_samples(WIND_DOWN_AFTER_S) and not self._asked_recently(u.end)

    def _settled(self, text: str) -> bool:
        """Whether a customer turn ends settled: it asks nothing and its last sentence is a short
        acknowledgement with nothing new ("Got it.", "Thank you."; "Oh, there they are, they've just come
        through. Thanks.")."""
        parts = sentences(text)
        last = parts[-1].text if parts else text
        short = len(tokens(last)) <= SETTLED_WORDS and "?" not in text
        return short and first_match(last, self.cfg.settled_replies) is not None

    @staticmethod
    def _first_answer(text: str) -> str:
        """The first sentence of the customer's turn ``text``, a lone "No." joined to the sentence after it
        (the recogniser's full stop: "No. I can't read anything." is c400's "No, that's everything."), an opening
        "So" / "Now" before "that's", or in a sentence with "everything", read as "No" (:data:`NO_AS_HEARD`)."""
        parts = sentences(text)
        if len(parts) > 1 and tokens(parts[0].text) in LONE_NOS:
            return f"{parts[0].text.rstrip('.!')}, {parts[1].text}"
        first = parts[0].text if parts else ""
        toks = [t.lower() for t in tokens(first)]
        said = toks[1:2] == ["that's"] or toks[1:3] == ["that", "is"] or "everything" in toks
        if len(toks) > 2 and toks[0] in NO_AS_HEARD and said:
            return f"No, {first.split(None, 1)[1]}"  # "So, that's all." heard for "No, that's all." (NO_AS_HEARD)
        return first

    def _answers_ask(self, text: str) -> bool:
        """Whether the customer's turn opens by answering "anything else?": its first sentence (see
        :meth:`_first_answer`) is wholly an ``ask_answers`` phrase ("No, that's everything."): the agent
        asked, however it was heard. A first sentence that is a question answers nothing ("So that's it? You're
        leaving me with no heating?": dismay, the words of "No, that's it" as tiny.en hears them; session 44, C14). A
        last clause of at most :data:`ANSWER_TAIL_WORDS` words after the phrase, after a comma, is allowed; so is the
        agent's name straight after the phrase, no comma between (:func:`_unnamed`: "Nothing more Carmen, goodbye.",
        c1250 at 101.1 s, its ask heard "... around the thing else for the end of it."; session 54, C24, in sample)."""
        first = self._first_answer(text)
        if first.rstrip().endswith("?"):
            return False
        if _wholly(_unnamed(first), self.cfg.ask_answers):
            return True
        head, _, tail = first.rpartition(",")  # a short last clause: the thanks heard garbled
        rest = [w.lower() for w in tokens(tail)]
        short = 0 < len(rest) <= ANSWER_TAIL_WORDS and rest[0] not in ANSWER_TAIL_BUTS
        return short and _wholly(_unnamed(head), self.cfg.ask_answers)

    def _answers_unsure_ask(self, text: str) -> bool:
        """Whether the customer's turn ``text`` answers an ask the recogniser left unsure: the agent's last final says
        :data:`UNSURE_ASKS` ("... everything else I can do from the store.") and ``text`` asks nothing and has at most
        :data:`ANSWER_WORDS` words ("Oh, that's all I rang about."); or it says
        :func:`~coach.language.closing_offer.wants_more` ("... any other cut you want ...", c1251) and ``text`` asks
        nothing, has at most :data:`THANKED_ANSWER_WORDS` words and ends on thanks (:func:`_ends_on_thanks`: "Maybe a
        whacker plate on Thursday, but I'll phone about that, cheers."; session 55, C25); or it ends on a question
        whether there is more in other words (:func:`~coach.language.closing_offer.asks_more`: "Was there anything more
        on your list today?") and ``text`` only says no to it (:meth:`_declines`; session 58, Q56)."""
        before = self._agent_before
        if before is None or "?" in text or not tokens(text) or self._asks(before):
            return False
        if len(tokens(text)) <= ANSWER_WORDS and first_match(before, UNSURE_ASKS) is not None:
            return True
        if self._declines(text) and asks_more(before):
            return True  # "Anything more on the trip I can chase up?" "Naw, we're fine. Bye." (asks_more; Q56)
        thanked = len(tokens(text)) <= THANKED_ANSWER_WORDS and _ends_on_thanks(text)
        return thanked and wants_more(before)

    @staticmethod
    def _declines(text: str) -> bool:
        """Whether the customer's turn ``text`` says no to the agent's question and raises nothing: its first sentence
        opens with a :data:`DECLINE_OPENERS` "no" and has at most :data:`DECLINE_WORDS` words, the turn has at most
        :data:`THANKED_ANSWER_WORDS` words, asks nothing and holds none of :data:`TAKE_BACK_WORDS` ("No, I don't
        think so. That was the only thing on my list.", quiet c1339 after an ask heard "... is there any other letter
        than I could be doing for you this morning?"; "Naw, we're fine. Bye Somhairle.", c1303; session 58, Q56)."""
        parts = sentences(text)
        words = [w.lower() for w in tokens(text)]
        if not parts or "?" in text or len(words) > THANKED_ANSWER_WORDS or TAKE_BACK_WORDS.intersection(words):
            return False
        first = [w.lower() for w in tokens(parts[0].text)]
        return len(first) <= DECLINE_WORDS and any(tuple(first[: len(o)]) == o for o in DECLINE_OPENERS)

    def declines_more(self, u: Utterance) -> bool:
        """Whether the customer's turn ``u`` opens by saying no to the agent's "anything else?" asked within
        ``lookback_s`` before it: its first sentence (see :meth:`_first_answer`: "So, that's it" is tiny.en's "No,
        that's it") opens with an ``ask_answers`` phrase and is no question (session 48, Q46). The customer is closing
        the call: the listening rules read no feeling or complaint into the rest of it from the heads alone (quiet
        c1100's "Nope, that's it! You're the best, Rochelle!" heard "So, that's it, you're in a mess, real hell.", its
        sentence rated a feeling at 0.89 and a complaint); words that name one ("No, that's it, but I'm still
        furious") still do."""
        first = self._first_answer(u.text)
        if not self._asked_recently(u.start) or first.rstrip().endswith("?"):
            return False
        return first_match(first, self.cfg.ask_answers, at_start=True) is not None

    def _says_nothing_else(self, text: str) -> bool:
        """Whether the customer's turn ``text`` says there is nothing else: it answers "anything else?"
        (:meth:`_answers_ask`), or opens with such an answer and ends settled ("No, that's everything,
        thanks."; not "No, that's everything I ordered, but the lamp is missing."). Either counts as the ask
        (:meth:`on_customer`): "No, that's everything how. Thank you so much." (c1327 at 98.5 s as heard, its ask heard
        "... there ain't nothing else at all I can tell, win.", the agent's goodbye after it nudged; session 58, Q56,
        in sample)."""
        opens = first_match(self._first_answer(text), self.cfg.ask_answers, at_start=True) is not None
        return self._answers_ask(text) or (opens and self._settled(text))

    def _only_bare_goodbyes(self, text: str) -> bool:
        """Whether every closing cue in ``text`` is a :data:`BARE_GOODBYES` word ("..., bye!"; not
        "Lovely, thanks, bye.", whose thanks closes whatever the "bye" was)."""
        cues = find_phrases(text, self.cfg.closing_cues, exceptions=self.cfg.not_closing)
        return all(_bare(m.said) for m in cues)

    @staticmethod
    def _story_ending(text: str) -> bool:
        """Whether the last sentence of the customer's ``text`` runs over :data:`BARE_BYE_SENTENCE_WORDS` words."""
        parts = sentences(text)
        return bool(parts) and len(parts[-1].tokens) > BARE_BYE_SENTENCE_WORDS

    @staticmethod
    def _answers_goodbye(text: str) -> bool:
        """Whether the customer's words ``text`` since the agent's last final (their finals joined: "Oh."
        and "Bye." may come as two), ending on a goodbye, answer the agent's goodbye: at most
        ``REPLY_GOODBYE_WORDS`` words and no question ("Oh. Bye."), or thanks then a short goodbye
        (:data:`THANKED_REPLY_WORDS`, no "for", the thanks a formula with at most :data:`THANKS_NAME_WORDS` other
        words and none of :data:`REPLY_SUBJECTS`: "Thank you very much, bye.")."""
        words = [w.lower() for w in tokens(text)]
        if "?" in text or len(words) > THANKED_REPLY_WORDS:
            return False
        if len(words) <= REPLY_GOODBYE_WORDS:
            return True  # ("Cheers for that, bye.")
        if "for" in words:
            return False  # "Thanks for sorting the hoist, bye.": may open the close, the ask to come
        farewell = [w.lower() for w in tokens(re.split(r"[,.!;]", text.rstrip(" .!,;"))[-1])]
        stripped = _past_leading(words, FILLER_WORDS)
        thanks = stripped[: len(stripped) - len(farewell)]
        if not thanks or thanks[0] not in THANKS_WORDS or len(farewell) > REPLY_GOODBYE_WORDS:
            return False
        if REPLY_SUBJECTS.intersection(farewell):
            return False  # "Thank you. That's all I wanted.": the customer's own close, the ask may follow
        said = [w for w in thanks if w not in THANKS_FORMULA]
        return len(said) <= THANKS_NAME_WORDS and not REPLY_SUBJECTS.intersection(said)

    def on_customer(self, u: Utterance) -> list[Nudge]:
        self._agent_away = False
        away, self._customer_away = self._customer_away, self._customer_away or _steps_away(u.text)
        self._since_agent = f"{self._since_agent} {u.text}".strip()
        self._customer_spoke = True
        consents = self._hold_asked  # an answer to a hold request (see _asks_to_hold) is no winding down
        self._customer_settled = self._settled(u.text) and not consents
        self._customer_thanked = _ends_on_thanks(u.text) and not consents
        self._customer_words = len(tokens(u.text))
        self._customer_accepted = not consents and self._accepts(u.text)
        self._customer_requested = _requests(u.text)
        self._customer_done = self._says_nothing_else(u.text)
        if self._customer_done or self._answers_unsure_ask(u.text):
            self._last_ask = u.start  # the customer said they are done: the ask was asked, however it was heard
        if self.fired or self._pending is not None:
            return []
        if not self._agent_replied:
            return []  # the customer's opening turn: a goodbye there is no close (see the module docstring)
        cue = self._goodbye_ending(u.text, CUSTOMER_AFTER_WORDS)
        if cue is not None and self._only_bare_goodbyes(u.text) and ("?" in u.text or self._story_ending(u.text)):
            return []  # a question or a long story with a lone "bye" after it: the call goes on (see BARE_GOODBYES)
        if cue is not None and cue.start > GLUED_GOODBYE_WORDS:
            return []  # a story the recogniser ended on a goodbye (GLUED_GOODBYE_WORDS)
        if cue is None or self._asked_recently(u.end) or self._hold_asked:
            return []  # (a reply to a hold request: see _asks_to_hold)
        if away:
            return []  # said to someone else after the customer asked the agent to wait (see _steps_away)
        thanked = bool(THANKS_WORDS.intersection(w.lower() for w in tokens(u.text)))
        thanked_after_filler = self._filler_before and thanked  # "Right, thanks very much, bye." after "Okay."
        if self._looking_up and self._only_bare_goodbyes(u.text) and not thanked_after_filler:
            return []  # a "bye" said to someone else while the agent works (see _looks_up_now, _filler)
        self._pending = (u, cue.said)
        if self._agent_before is not None and self._answers_goodbye(self._since_agent):
            return self._fire(u, cue.said, excerpt(self._agent_before))  # the agent closed (REPLY_GOODBYE_WORDS)
        return []

    def on_customer_words(self, u: Utterance) -> None:
        """The words ``u`` of a customer utterance still being spoken (a partial): when they come after the customer's
        goodbye that waits for the agent's reply (``_pending``), from a later utterance, before the agent has said
        anything, the customer is talking on: the goodbye was said to someone in the room or the call goes on ("...
        Have a great evening, bye!" to a colleague, then "Sorry about that, end of shift. So, names on the pocket.",
        quiet c1338 at 36.2 s and 42.4 s: nudged at 44.2 s while the customer spoke; session 58, Q56). The waiting
        close is dropped; that utterance's final is judged afresh (:meth:`on_customer`), as a close if it is one. Of
        the tuning scripts c1-c1341, the three customer goodbyes followed by more customer words with no agent turn
        between are all such (c1154, c1288, c1338): none is a close."""
        p = self._pending
        if p is None or self.fired or self._replying is not None or u.utt == p[0].utt or not tokens(u.text):
            return
        if u.start >= p[0].end:
            self._pending = None

    def tick(self, now: int) -> list[Nudge]:
        if self._pending is None or self.fired:
            return []
        u, said = self._pending
        if now - u.end < self._wait or (self._replying is not None and now - u.end < self._reply_max):
            return []
        if self._asked_recently(now):
            self._pending = None
            return []
        return self._fire(u, said, None)


def _framed_sign_off(text: str, not_tail: tuple[str, ...] = ()) -> Match | None:
    """The wrap-up frame (:data:`FRAMED_WRAP_UPS`) of an agent turn ``text`` whose last sentence ends on a free
    sign-off after it, or ``None``: the clause after the sentence's last comma has 1 to :data:`SIGN_OFF_WORDS` words,
    does not open with a word that goes on with the business (:data:`NOT_SIGN_OFF`), and starts at most
    :data:`FRAME_GAP` words after the frame's end (a :data:`BARE_WRAP_UPS` frame: right after it), in a sentence of
    at most :data:`FRAMED_SENTENCE_WORDS` words that asks nothing ("Tidy, that's you in the book for Tuesday then, hwyl
    for now."; not "You're all set, one more thing though."). What the goodbye words are, or how they were heard, does
    not matter."""
    parts = sentences(text)
    if not parts or "?" in parts[-1].text or len(parts[-1].spoken) > FRAMED_SENTENCE_WORDS:
        return None
    last = parts[-1]
    head, comma, sign_off = last.text.rpartition(",")
    if not comma and len(parts) > 1 and 1 <= len(last.spoken) <= SIGN_OFF_WORDS:
        return _sign_off_after_a_stop(parts, not_tail)
    words = tokens(sign_off)
    if not comma or not 1 <= len(words) <= SIGN_OFF_WORDS or words[0] in NOT_SIGN_OFF:
        return None
    if any(ch.isdigit() for ch in sign_off) or WHEN_WORDS.intersection(w.lower() for w in words):
        return None  # a time, a date or a reference number: details, not a goodbye (WHEN_WORDS)
    if _hedges(sign_off):
        return None  # "..., hopefully." / "..., fingers crossed.": a hedge on the promise (HEDGES)
    start = len(tokens(head))  # the sign-off's first word in the sentence's spoken words
    going_on = _going_on_clauses(head)
    frames = [m for m in find_phrases(last.text, FRAMED_WRAP_UPS, exceptions=not_tail) if m.end <= start]
    frames = [m for m in frames if start - m.end <= FRAME_GAP and not any(m.end <= g for g in going_on)]
    frames += [m for m in find_phrases(last.text, BARE_WRAP_UPS, exceptions=not_tail) if m.end == start]
    if not frames:
        return None
    m = frames[-1]
    offset = len(tokens(text)) - len(last.spoken)
    return Match(m.phrase, m.said, m.sentence, m.start, m.end, len(parts) - 1, offset)


def _hedges(clause: str) -> bool:
    """Whether a last clause ``clause`` opens with a hedge or a regret (:data:`HEDGES`: "fingers crossed", "give or
    take", "apologies") or a lower-case adverb of at least :data:`HEDGE_ADVERB_LETTERS` letters ending "-ly"
    ("hopefully", "annoyingly"; as written, so that a name is not read so): no free sign-off."""
    lower = tuple(tokens(clause))
    if any(lower[: len(h)] == h for h in HEDGES):
        return True
    first = next((w.strip(".!;:") for w in clause.split() if w[:1].isalpha()), "")
    return first.islower() and first.endswith("ly") and len(first) >= HEDGE_ADVERB_LETTERS


def _going_on_clauses(head: str) -> list[int]:
    """The first-word positions (in the spoken words of ``head``, a sentence up to its last comma) of the clauses of
    ``head`` after its first that open with a word going on with the business (:data:`NOT_SIGN_OFF`: "Your payment's
    gone through, but the booking isn't confirmed, annoyingly."; "The refund is through, it takes three days, ..."): a
    wrap-up frame before such a clause frames no sign-off after it, the business having gone on (session 52, C22)."""
    found, at = [], 0
    for i, clause in enumerate(head.split(",")):
        words = tokens(clause)
        if i and words and words[0].lower() in NOT_SIGN_OFF:
            found.append(at)
        at += len(words)
    return found


def _wholly_done(text: str) -> bool:
    """Whether the agent's ``text`` says the whole business is done: a :data:`FRAMED_WRAP_UPS` frame holding one of
    :data:`WHOLE_WORDS` ("that's all sorted for you", "you're all set")."""
    frames = find_phrases(text, FRAMED_WRAP_UPS)
    return any(WHOLE_WORDS.intersection(w.lower() for w in tokens(m.said)) for m in frames)


def _pastime_wish(text: str) -> Match | None:
    """The wish for the customer's pastime that ends an agent turn ``text``, or ``None``: the last clause of its last
    sentence (cut at commas; a name or a term of address after it set aside) is a wish (:func:`_wishes_pastime`:
    "happy" and a doing, or "have a good <outing>"), :data:`PASTIME_LEADS` before it and :data:`PASTIME_TAILS` or
    terms of address after it set aside, in a sentence that asks nothing ("Awesome, you're all set for Sunday, happy
    hunting."; "Happy brewing."; as heard, "Happy funding.", c1117: whatever the doing was heard as, it is said as a
    wish). Being happy doing something ("are you happy reading that out", "I'm quite happy walking") is no such clause:
    "happy" does not open it (session 49, C19)."""
    parts = sentences(text)
    if not parts or "?" in parts[-1].text:
        return None
    last = parts[-1]
    clauses = [c for c in last.text.split(",") if tokens(c)]
    while len(clauses) > 1 and (_addressed(clauses[-1]) or _named(clauses[-1])):
        clauses.pop()  # "happy planting, Joan"
    clause = clauses[-1] if clauses else ""
    words = [w.lower() for w in tokens(clause)]
    while words and words[0] in PASTIME_LEADS:
        words.pop(0)
    while words and (words[-1] in PASTIME_TAILS or (words[-1],) in ADDRESS_TERMS):
        words.pop()
    if not _wishes_pastime(words):
        return None
    end = len(tokens(last.text.rpartition(clause)[0])) + len(tokens(clause))
    start = end - len(tokens(clause))
    offset = len(tokens(text)) - len(last.spoken)
    return Match("(pastime wish)", clause.strip(" .!"), last.text, start, end, len(parts) - 1, offset)


def _wishes_pastime(words: list[str]) -> bool:
    """Whether a clause's words (lower-cased, leads and tails set aside) are a pastime wish: "happy" and a doing
    (at most :data:`PASTIME_WORDS` words, the last ending "-ing", not :data:`NOT_PASTIMES`: "happy hunting"), or
    "have a" / "have an", a :data:`WISH_ADJECTIVES` word and one noun not in :data:`NOT_ACTIVITIES` ("have a good
    dive", "have a brilliant fete", "have a great festival": the tables hold the days and trips, not every outing;
    session 51, C21: c1183's script, in sample)."""
    if len(words) == 4 and words[0] == "have" and words[1] in ("a", "an") and words[2] in WISH_ADJECTIVES:
        return words[3] not in NOT_ACTIVITIES and words[3].isalpha()
    if not 2 <= len(words) <= PASTIME_WORDS or words[0] != "happy":
        return False
    doing = words[-1]
    return len(doing) >= 6 and doing.endswith("ing") and doing not in NOT_PASTIMES


def _named(clause: str) -> bool:
    """Whether ``clause`` is a name: one or two words, each capitalised ("Joan", "Mrs Okafor")."""
    words = clause.split()
    return 1 <= len(words) <= 2 and all(w[:1].isupper() for w in words)


def _unnamed(clause: str) -> str:
    """``clause`` without the name that ends it (:func:`_named`: one or two capitalised words of two letters or more,
    after at least two words, no comma before it; a final stop dropped): "Nothing more Carmen" -> "Nothing more";
    ``clause`` itself when no name ends it."""
    words = clause.rstrip().rstrip(".!").split()
    for n in (2, 1):
        name = words[-n:]
        if len(words) >= n + 2 and _named(" ".join(name)) and min(map(len, name)) > 1 and words[-n - 1][-1:].isalpha():
            return " ".join(words[:-n])
    return clause


def _sign_off_after_a_stop(parts: list[Sentence], not_tail: tuple[str, ...]) -> Match | None:
    """:func:`_framed_sign_off` of a turn (its sentences ``parts``) whose free sign-off is a short sentence of its own:
    read as if a comma, not the recogniser's full stop, came between the sentence before it and the sign-off
    ("Alrighty, it's on its way tomorrow. Take it easy now.", c1057 as heard; the script had a comma; session 46,
    C16). The frame must still end the sentence before it (at most :data:`FRAME_GAP` words earlier) and that sentence
    ask nothing."""
    before = parts[-2].text.strip().rstrip(".!;:")
    if not before or "?" in before:
        return None
    return _framed_sign_off(" ".join([*(p.text for p in parts[:-2]), f"{before}, {parts[-1].text}"]), not_tail)


def _acknowledged_sign_off(text: str, leads: tuple[str, ...]) -> Match | None:
    """The free sign-off that ends an agent turn ``text`` made of acknowledgements and then a goodbye of any words,
    or ``None``: a turn of at most :data:`LEAD_SIGN_OFF_WORDS` words that asks nothing, cut at commas and full
    stops into clauses (terms of address ending the turn set aside), every clause but the last wholly one of
    ``leads`` (``sign_off_leads``: "righto then", "sweet as", "nae bother", "no dramas") or a term of address
    (:data:`ADDRESS_TERMS`), and the last clause 1 to
    :data:`SIGN_OFF_WORDS` words, not itself one of ``leads``, with no digit, not opening on a word of
    :data:`NOT_FREE_SIGN_OFF`, nor a name (every word capitalised, its first word after a comma: "Lovely,
    Jonathan"). The caller asks only after a customer turn that settled or ended on thanks (session 39, C9: the
    unseen parts' missed closes were "righto then, hooroo", "alrighty, later days", "sweet as, ka kite", "right you
    are, ta ta": an acknowledgement and a goodbye no table held, or one heard as other words)."""
    if "?" in text or not 2 <= len(tokens(text)) <= LEAD_SIGN_OFF_WORDS:
        return None
    parts = sentences(text)
    clauses = [(i, c) for i, part in enumerate(parts) for c in part.text.split(",") if tokens(c)]
    while len(clauses) > 2 and _addressed(clauses[-1][1]):
        clauses.pop()  # a term of address after the goodbye ("..., hasta la pasta, mate")
    if len(clauses) < 2:
        return None
    index, sign_off = clauses[-1]
    words = [w.lower() for w in tokens(sign_off)]
    if not 1 <= len(words) <= SIGN_OFF_WORDS or words[0] in NOT_FREE_SIGN_OFF or any(c.isdigit() for c in sign_off):
        return None
    capitalised = [w[0].isupper() for w in sign_off.split() if w[:1].isalpha()]
    if clauses[-2][0] == index and capitalised and all(capitalised):
        return None  # a name after a comma ("Perfect, Jonathan")
    if _wholly(sign_off, leads) or not all(_wholly(c, leads) or _addressed(c) for _, c in clauses[:-1]):
        return None
    offset = sum(len(p.spoken) for p in parts[:index])
    before = len(tokens(parts[index].text.rpartition(sign_off)[0]))
    return Match(
        "(acknowledged sign-off)", sign_off.strip(" .!"), parts[index].text, before, before + len(words), index, offset
    )


def _wholly(clause: str, phrases: tuple[str, ...]) -> bool:
    """Whether the words of ``clause`` are wholly one of ``phrases`` (patterns), from its first word (fillers before it
    aside: "oh, lovely") to its last."""
    m = first_match(clause, phrases, at_start=True)  # after fillers ("oh, lovely")
    return m is not None and m.end == len(tokens(clause))


def _addressed(clause: str) -> bool:
    """Whether the words of ``clause`` are wholly a term of address (:data:`ADDRESS_TERMS`: "mate", "my love")."""
    return tuple(w.lower() for w in tokens(clause)) in ADDRESS_TERMS


def _asks_to_hold(text: str) -> bool:
    """Whether the agent's final ``text`` asks the customer to hold: a hold word or a stated wait
    (:func:`~coach.turns.holds.classify_hold`; not a look-up said in passing). The customer's next words answer it,
    and a goodbye-looking phrase there is their consent, however heard ("Not at all, I'll wait." written "Don't
    that's all, I'll do it.", c618, session 27 G14): the agent goes quiet for the hold, not to close the call."""
    hold = classify_hold(text, whole=True)
    return hold is not None and not hold[1]


def _looks_up_now(text: str) -> bool:
    """Whether the agent's final ``text`` ends on a look-up done now: its last sentence reads only a look-up
    (:func:`~coach.turns.holds.classify_hold`, vague: no hold word, no duration) said as work begun or about to begin
    (:data:`LOOK_UP_NOW`) with a seeking verb (:data:`SEEKING`): "Let me just check the crew's route for you.", "One
    moment while I pull that up.", "I'm just looking at the schedule now.". The customer waits on the line while the
    agent works, so a turn whose every goodbye is a lone "bye" (:meth:`ClosingRule._only_bare_goodbyes`: "Oh, bye
    Dave.", "Sorry, bye love!") is said to someone in the room, not an answer to the agent's close: it neither fires
    the close nor waits ``wait_s`` to (session 54, C24, after helper C23's probe of session 53). Thanks or "that's all"
    ("Right, that's all, thanks.") are said to the agent, and still open the close (session 27, G14). A promise for
    later ("I'll check on it tomorrow and ring you back.", "we'll see how it goes") or work done for the customer
    ("I'm just sending the confirmation email now") is no look-up now: a goodbye after it still closes."""
    parts = sentences(text)
    last = parts[-1].text if parts else text
    hold = classify_hold(last, whole=True)
    said = last.lower().replace("\u2019", "'")
    return hold is not None and hold[1] and LOOK_UP_NOW.search(said) is not None and SEEKING.search(said) is not None


def _filler(text: str) -> bool:
    """Whether the agent's final ``text`` is nothing but :data:`FILLER_WORDS` ("Okay.", "Hmm. Right.", "Mm-hm."), or
    its last sentence is nothing but a moment asked (:data:`MOMENT_ASKS`, fillers before it allowed: "One moment.",
    "Right, let me see."): the agent taking something in or starting to work, no goodbye of theirs the customer could
    answer. A customer turn after it whose every goodbye is a lone "bye" ("Sorry, bye love!") is said to someone in
    the room, as after a look-up done now (:func:`_looks_up_now`; session 55, C25: the room-bye variants of
    ``scripts/closing_variants.py`` at the scripts' own dead-air positions, where "Okay.", "Hmm." or "Let me see."
    before the agent works in silence are the commonest turns). Read so only when the customer's turn before it was
    not settled or thanks (:meth:`ClosingRule.on_agent`): after "Lovely, that's great." an "Okay." is the call winding
    down and the customer's "Bye." their close; and a customer turn with thanks after a filler still closes ("Right,
    thanks very much, bye."; session 55, R20, after C25)."""
    words = [w.lower() for w in tokens(text)]
    if bool(words) and len(words) <= FILLER_TURN_WORDS and all(w in FILLER_WORDS for w in words):
        return True
    parts = sentences(text)
    last = [w.lower() for w in tokens(parts[-1].text)] if parts else words
    return " ".join(_past_leading(last, FILLER_WORDS)) in MOMENT_ASKS


def _past_leading(words: list[str], lead: frozenset[str]) -> list[str]:
    """``words`` (lower-cased tokens) from the first one not in ``lead`` on ("okay right one moment" -> "one
    moment" with :data:`FILLER_WORDS`)."""
    start = 0
    while start < len(words) and words[start] in lead:
        start += 1
    return words[start:]


def _steps_away(text: str) -> bool:
    """Whether the customer's final ``text`` ends by asking the agent to wait: its last sentence, after leading
    :data:`FILLER_WORDS` or "sorry", opens with one of :data:`STEP_AWAY_ASKS` and has at most :data:`STEP_AWAY_WORDS`
    words ("Thirty pounds each, please. Oh, hang on one second, Hepsie."). What they say next, before the agent speaks,
    is said to someone in the room ("Have a good day at college, bye bye!", c1288: a goodbye nudged as the close on a
    quiet call at 36.0 s; session 55, C25, in sample after the flip of c1270-c1293): no close opens there
    (:meth:`ClosingRule.on_customer`); the agent's own goodbye still closes."""
    parts = sentences(text)
    if not parts:
        return False
    words = _past_leading([w.lower() for w in tokens(parts[-1].text)], FILLER_WORDS | {"sorry"})
    said = " ".join(words)
    asks = (" ".join(a) for a in STEP_AWAY_ASKS)
    return 0 < len(words) <= STEP_AWAY_WORDS and any(said == a or said.startswith(f"{a} ") for a in asks)


def _by_as_bye(text: str) -> str:
    """``text`` with a "by" or "buy" that ends it after a :data:`BY_AS_BYE_LEADS` word written "bye" (session 41, C11:
    c920's "Grand so, bye, bye" heard "I will run so by,"), or ``text`` unchanged: a goodbye heard as its homophone
    where no preposition can stand. So is a "by now" or "by for now" ending it as a clause of its own, after a comma
    or a full stop, or after such a word (c947's "you betcha, bye now" heard "you betcha, by now."; "it'll be there
    by now" stays)."""
    m = _TURN_FINAL_BY.search(text)
    own_clause = bool(m and m.group(4) and any(ch in m.group(2) for ch in ",.!;:"))
    if m is None or not (m.group(1).lower() in BY_AS_BYE_LEADS or own_clause):
        return text
    return f"{text[: m.start(3)]}bye{text[m.end(3) :]}"


def _bare(said: str) -> bool:
    """Whether the goodbye ``said`` is a :data:`BARE_GOODBYES` one, its words as heard: one or two words that sound as
    "bye" (:data:`~coach.language.patterns.BYE_SOUNDS`: "close by, bye!" is read "close bye", its goodbye said "by")."""
    words = [w.lower() for w in tokens(said)]
    return " ".join(words) in BARE_GOODBYES or (0 < len(words) <= 2 and all(w in BYE_SOUNDS for w in words))


def _clauses(text: str) -> list[list[str]]:
    """The lower-cased tokens of each clause of ``text``, cut at commas, full stops, "!", ";" and ":"."""
    return [[w.lower() for w in tokens(c)] for c in re.split(r"[,.!;:]", text)]


def _hands_back(text: str) -> bool:
    """Whether a clause of the agent's ``text`` (cut at commas and full stops) is wholly a hand-back
    (:data:`YIELD_ENDINGS`: "Perfect, go ahead, and I'll recalculate it straight away.", c63's script, the customer
    about to read a meter): the customer is to go on (session 48, C18, in sample)."""
    return any(tuple(words) in YIELD_ENDINGS for words in _clauses(text))


def _promises(words: list[str]) -> bool:
    """Whether the agent's final (its lower-cased tokens ``words``) opens by promising the next step
    (:data:`PROMISE_OPENERS`, not before a :data:`PROMISED_GOODBYES` verb)."""
    for opener in PROMISE_OPENERS:
        n = len(opener)
        if tuple(words[:n]) == opener:
            return len(words) > n and words[n] not in PROMISED_GOODBYES
    return False


def _requests(text: str) -> bool:
    """Whether the customer's turn ``text`` asks the agent to do something: a :data:`REQUEST_WORDS` word ("Yes
    please."), or a clause (cut at commas and full stops) whose first word after :data:`REQUEST_LEADS` is a
    :data:`REQUEST_VERBS` verb ("Perfect, book the lot.")."""
    if any(w.lower() in REQUEST_WORDS for w in tokens(text)):
        return True
    for words in _clauses(text):
        verb = next((w for w in words if w not in REQUEST_LEADS), None)
        if verb in REQUEST_VERBS:
            return True
    return False


def _ends_on_thanks(text: str) -> bool:
    """Whether the customer's turn ``text`` asks nothing and its last sentence has a :data:`THANKS_WORDS` word with at
    most :data:`THANKS_AFTER_WORDS` words after it ("Forty minutes, that'll do, thank you."), or it is thanks and one
    short remark after it (:data:`THANKED_REMARK_WORDS`)."""
    parts = sentences(text)
    if "?" in text or not parts:
        return False
    if len(parts) == 2 and len(parts[1].tokens) <= THANKED_REMARK_WORDS and _thanks(parts[0].tokens, whole=True):
        return True  # "Thank you. The account number is on the form I signed." (THANKED_REMARK_WORDS)
    return _thanks(parts[-1].tokens)


def _thanks(toks: tuple[str, ...], *, whole: bool = False) -> bool:
    """Whether the sentence of tokens ``toks`` ends on thanks (a :data:`THANKS_WORDS` word with at most
    :data:`THANKS_AFTER_WORDS` words after it) or, ``whole``, is thanks alone ("Thank you.", "Cheers, love.")."""
    words = [w.lower() for w in toks]
    if whole and len(words) > THANKS_AFTER_WORDS + 1:
        return False
    return any(w in THANKS_WORDS for w in words[-1 - THANKS_AFTER_WORDS :])


def _past_address(words: list[str], start: int) -> int:
    """The index in ``words`` (lower-cased tokens) past the :data:`ADDRESS_TERMS` that follow a goodbye ending at
    ``start`` ("bye now, sir, ..." gives the index of the word after "sir"): ``start`` itself when none follows."""
    i = start
    while i < len(words):
        term = next((t for t in ADDRESS_TERMS if tuple(words[i : i + len(t)]) == t), None)
        if term is None:
            break
        i += len(term)
    return i


def _past_repeats(words: list[str], m: Match) -> int:
    """The index in ``words`` (lower-cased tokens) past the goodbye ``m`` and the copies of its last word said straight
    after it ("Grand so, bye, bye, bye bye bye.": one goodbye said five times, c920's script; session 48, C18): such
    copies are the goodbye going on, not words after it (:data:`AFTER_WORDS`)."""
    end = m.offset + m.end
    last = words[end - 1] if 0 < end <= len(words) else None
    while end < len(words) and words[end] == last:
        end += 1
    return end


def _glued(words: list[str], m: Match, *, deep: bool = False) -> bool:
    """Whether the goodbye ``m``, written with a capital as a sentence of its own, follows an article, a possessive or
    a preposition in its sentence (:data:`GLUE_WORDS`, in ``words``, the lower-cased tokens of its text): no goodbye
    can stand there ("with our best wishes" is a wish, not written so), so it is the recogniser's subtitle farewell
    joined onto speech ("... the wrong way in the day on the See you next time,", quiet c1118 at 83.2 s, a 40-word agent
    turn mid-call; session 48, C18). The goodbyes after it in the turn are that farewell's too ("... right in We'll see
    you next time. Bye bye.", c1066; session 51, C21): :meth:`ClosingRule._goodbye_ending` drops them all. The pair
    before a lead (:data:`GLUE_LEADS`) must stand, no comma between, right before this goodbye's first word: the same
    two words together elsewhere in the sentence ("Pop in I'll show you, or pop it in, I'll see you Friday.") glue
    nothing (session 53, C23, after helper R16's second read). With ``deep`` (an agent's turn: the recogniser's made-up
    farewell, c1287), after any other lower-case word, no stop or comma between, the goodbye is glued when at least
    :data:`GLUED_LEAD_WORDS` words of its sentence come before it; not in a customer's turn, where a run-on "thanks
    ever so much for sorting that out Bye." is their close (session 55, R20, after C25's round four)."""
    start = m.offset + m.start
    if start > m.offset + 1 and words[start - 1] in GLUE_LEADS and words[start - 2] in GLUE_WORDS:
        said = m.said.split()[0] if m.said.split() else ""
        pair = rf"\b{re.escape(words[start - 2])}\s+{re.escape(words[start - 1])}\s+{re.escape(said)}\b"
        return re.search(pair, m.sentence, re.IGNORECASE) is not None  # "... right in We'll see you" (GLUE_LEADS)
    if not (m.start > 0 and m.said[:1].isupper()):
        return False
    if words[start - 1] in GLUE_WORDS:
        return True
    joined = rf"[a-z]\s+{re.escape(m.said)}"  # no stop or comma before the capital: the sentence was joined on
    return deep and m.start >= GLUED_LEAD_WORDS and re.search(joined, m.sentence) is not None


def _looped(words: list[str], m: Match) -> bool:
    """Whether the goodbye ``m`` (of at least :data:`LOOP_WORDS` words) is said twice back to back in ``words``
    (the lower-cased :func:`~coach.language.text.tokens` of its text): the recogniser's loop, not a close."""
    start, end = m.offset + m.start, m.offset + m.end
    n = end - start
    said = words[start:end]
    return n >= LOOP_WORDS and (words[max(0, start - n) : start] == said or words[end : end + n] == said)


def _minimising(words: list[str], m: Match) -> bool:
    """Whether the goodbye ``m`` is a :data:`MINIMISER_CUES` "that's all" ending an explanation: at least
    :data:`MINIMISER_WORDS` words of its sentence before it (in ``words``, the lower-cased
    :func:`~coach.language.text.tokens` of its text) are not :data:`CLOSE_LEAD_WORDS` ("it needs a backwash, that's
    all"), and the last of them is not :data:`WRAPPED_UP` ("the refund's gone through, that's all" closes)."""
    start, end = m.offset + m.start, m.offset + m.end
    if tuple(words[start:end]) not in MINIMISER_CUES:
        return False
    lead = words[m.offset : start]
    content = [w for w in lead if w not in CLOSE_LEAD_WORDS]
    return len(content) >= MINIMISER_WORDS and lead[-1] not in WRAPPED_UP
