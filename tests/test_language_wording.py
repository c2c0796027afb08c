"""Precision and recall of the wording rules (positive language, "calm down") on agent lines: the
tuning lists the phrase tables were built from (tuning, tuning_b), and held-out lists they were not
built from (held_out, held_out_c for the issue-9 families, held_out_d for the second round of
them, held_out_e for the third, held_out_f for the fourth; tests/data/language_wording/). The
later batches also list goodbyes ([closing]) that must get check_anything_else when no "anything
else?" came before them, and mid-call lines ([not_closing]) that must not.
Also: fed word by word as committed partials (two lists line for line, a fixed CRC-32 quarter of the
others), every line gets exactly the nudges its final gets,
with nothing to withdraw (the committed-prefix matching never jumps the gun on "I can't ...
imagine")."""

from __future__ import annotations

import functools
import tomllib
import zlib
from pathlib import Path

import pytest

from coach.classify import minilm
from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.types import Withdrawal, seconds_to_samples
from tests.test_language_rules import final

DATA = Path(__file__).parent / "data" / "language_wording"
KINDS = ("avoid_calm_down", "positive_language")
# Floors, not targets: the measured figures are in docs/nudges.md (1.0 on both lists when written).
FLOORS = {
    "tuning": (0.95, 0.95),
    "tuning_b": (0.9, 0.95),
    "held_out": (0.85, 0.9),
    "held_out_c": (0.75, 0.9),
    "tuning_d": (0.95, 0.95),
    "held_out_d": (0.9, 0.9),
    "tuning_e": (0.95, 0.95),
    "held_out_e": (0.9, 0.9),
    "tuning_f": (0.95, 0.95),
    "held_out_f": (0.75, 0.9),
    "tuning_g": (0.95, 0.95),
    "held_out_g": (0.65, 0.9),  # 0.95/1.0 calm-down, 0.70/0.93 positive language when first scored
    "tuning_h": (0.95, 0.95),
    "held_out_h": (0.9, 0.9),  # 1.0/1.0 calm-down, 0.45/1.0 positive language when first scored (911b253)
    "held_out_i": (0.9, 0.9),  # 1.0/0.91 calm-down, 0.32/0.88 positive language when first scored (afc2983)
    "tuning_p3": (0.9, 0.95),  # session 12 (P3): written while widening the families; 0.95 / 0.97 recall
    # written blind (H3, session 12), first scored at c6a85cc: 0.96/1.00 calm-down, 0.65/1.00 positive language
    # (0.92 / 0.62 on f4e42c3, before the session's wording changes)
    "held_out_j": (0.6, 0.95),
    # session 13 (L4): written while widening the grammar by classes (passive "can't be", cover limits, flat
    # no's before a closed door, blame handed on); 1.00 / 1.00 on both kinds when written
    "tuning_l4": (0.95, 0.95),
    # written blind (K4, session 13), first scored at a3ad712: 0.92/0.97 calm-down, 0.82/1.00 positive language,
    # the same as on f2c7ab8 before the session's wording changes
    "held_out_k": (0.75, 0.95),
    # session 14 (L6): written while widening the grammar by classes ("not part of" a cover, a charge "regardless",
    # blame handed on by pronoun, the futility frame with other feelings); 1.00 / 1.00 on both kinds when written
    "tuning_l6": (0.95, 0.95),
    # written blind (K6, session 14), first scored at 1391917: 0.71/0.96 calm-down (regional idiom: "calm yersel
    # doon", "keep the heid", "go easy, will ye"), 0.90/0.98 positive language, goodbyes 0.93, mid-call 0/15
    "held_out_l": (0.65, 0.95),
    # session 15 (L8): written as the recogniser writes agent speech ("because you'll overfield", "the formy
    # tick says", "no call to me screaming", "nope hire cars and part of your policy"); 1.00 / 1.00 on both
    # kinds when written (0.73 / 1.00 calm-down, 0.22 / 1.00 positive language at 13d0967, before the change)
    "tuning_l8": (0.95, 0.95),
    # written blind (K7, session 15), first scored at 82d1c07: 0.93/0.90 calm-down (look-alikes that quote or
    # take back a "calm down", "relax" said of a pet or a holiday), 0.80/0.93 positive language (flat "no"s
    # after a rule, "I've no authority"), goodbyes 0.94, mid-call 0/16
    "held_out_m": (0.75, 0.85),
    # session 16 (L9): the calm-down idioms with intensifiers and "your" as heard, refusals that hand the fault to a
    # third party as its habit ("they're the ones who keep cancelling"), "not how the scheme works", goodbyes as
    # heard ("by now", "here we go" after a wrap-up); 1.00 / 1.00 on both kinds when written (0.87 / 0.83
    # calm-down, 0.48 / 1.00 positive language at d371f68, before the change)
    "tuning_l9": (0.95, 0.95),
    # written blind (K8, session 16), first scored at 20a62f1: 0.81/0.94 calm-down (dialect: "divvent gan daft",
    # "chillax", "don't so angry lah", split or misspelt "cal m down"), 0.86/0.94 positive language (blame on the
    # customer, "the charges stand", "them's the rules"), goodbyes 0.94 ("hooroo"), mid-call 1/18 ("Ta, and the
    # postcode?")
    "held_out_n": (0.75, 0.85),
    # session 17 (L11): other trades, regions and registers (closed-door idioms with any noun as the subject,
    # "not on the cards", "no leeway", a line drawn, the agent's orders; "calm the farm", "zip it", "aerated")
    # and bereavement, sympathy and reassurance in negative words; 1.00 / 1.00 on both kinds when written
    # (0.84 / 0.94 calm-down, 0.71 / 0.95 positive language at f4d61cc, before the change)
    "tuning_l11": (0.95, 0.95),
    # ... its second batch, written after the first batch's classes were in, as a probe of what they still lacked
    # (slang of a closed door: "a no-no", "a hard pass", "out of luck", "lump it"; calm-down "knickers in a wad",
    # "rein it in"); 1.00 / 1.00 when written (0.10 / 1.00 calm-down, 0.09 / 1.00 positive language at 5dbdf10)
    "tuning_l11b": (0.95, 0.95),
    # written blind (K9, session 17), first scored at 9d329fd: 0.84/0.93 calm-down (dialect and pidgin: "calm yer
    # cakes", "take am easy, no vex", "don't so stress"; misspelt "calm daan", "calmed own"), 0.96/0.93 positive
    # language ("read the email we sent you", "I'm going to have to refuse"; false: "can't be backdated, but I can
    # refund", "unfortunately ... gone, but I've got Wednesday"), goodbyes 1.00, mid-call 0/20
    "held_out_o": (0.80, 0.90),
    # written blind (K10, session 18), first scored at 79226f9: 0.85/0.97 calm-down (misses: dialect, "in such a
    # lather", "calm yuhself", "don't get your dander up", "all mithered", "settle, settle", "just chillout", misspelt
    # "calmed down sir please"; false: "relax the strap a notch"), 0.84/1.00 positive language (misses: blame on the
    # customer, "any complaint goes to him", "head office make those decisions", "that decision's final"), goodbyes
    # 0.95 ("great, later, dude"), mid-call 0/20
    "held_out_p": (0.80, 0.90),
    # written blind (K11, session 19), first scored at f53d4f4 (session 20): 0.78/0.92 calm-down (misses: "undies in
    # a bundle", "cop yourself on", "steady the buses", "don't get so hyper", "chillax", "no call to be getting so
    # excited", "awfully worked up", "going spare", "take a chill", "please be cool"; false: "relax and enjoy the
    # spa", "take it easy ... after the laser session", "breathe easy, the test came back clear"), 0.78/1.00
    # positive language (misses: "that's not us", "can't help ya there", "this facility is not available", "cannae
    # dae that", complaints to a franchise owner, "no provision for", "no authority to", "non-refundable no matter
    # what", the instructor's self-employed, "no record of that", "not going to argue with you", "no, we won't be
    # lowering"), goodbyes 0.95 ("hooroo"), mid-call 1/22 ("Cheers, now the postcode, please")
    # session 20, second round (L15): its misses fixed as classes (tuning_l15 has the new wordings): 1.00 / 1.00
    # positive language, 1.00 / 0.98 calm-down since ("relax and enjoy the spa" left), so it is a tuning list now
    # and its floor is raised from (0.75, 0.90)
    "held_out_q": (0.95, 0.95),
    # session 20, second round (L15): the classes behind the nineteenth part's misses and list Q's (blame on the
    # customer by habit and guess, deflection to a self-employed worker or a franchise, the paperwork as the wall,
    # "can't help yous there", "no facility / no power to"; calm-downs "cop yourself on", "take a chill", "going
    # spare", "be cool"; look-alikes: "take it easy", "breathe easy" as advice about a treatment or good
    # news); 1.00 / 1.00 on both kinds when written (0.23 / 0.38 calm-down, 0.20 / 0.86 positive language at 6e554de)
    "tuning_l15": (0.95, 0.95),
    # written blind (K13, session 20), first scored at 1ee30ff (session 21): 0.93/0.96 calm-down (misses: "calm
    # thysen down", "don't be throwing a wobbly", "don't be spitting the dummy"; false: "keep calm and carry on is
    # on the mug"), 0.87/1.00 positive language (misses: the engineer says you weren't home so the fee stands, "the
    # system says no so its no", the form filled in wrong on your end, "nothing doing on that one", "it's down to
    # how you parked", "ring the hospital, the transport's nothing to do with this line", "shouldn't have let the
    # battery run flat, that voids the cover"), goodbyes 1.00, mid-call 0/22
    "held_out_r": (0.85, 0.90),
    # session 21, second round (L16): the classes behind the twentieth part's misses and list R's (blame on how the
    # customer used, handled or filled in something, a cover voided by it, deflection to the customer's own
    # tradesman or "nothing to do with this line", a charge that "stands", "the system says no", "nothing doing";
    # calm-downs "in a state", "throwing a wobbly", "spitting the dummy", "thysen"; look-alikes: "the system says
    # yes", "Keep Calm" as a product); 1.00 / 1.00 on both kinds when written (0.29 / 0.67 calm-down, 0.36 / 0.89
    # positive language at 9280dcc, before the change)
    "tuning_l16": (0.95, 0.95),
    # written blind (K14, session 21), first scored at 6980164 (session 22): 0.83/0.93 calm-down (misses: "calmer
    # than this", "a wee bit hysterical", "go up the walls", "slow your roll", "mellow out", "don't be vexing
    # yourself", "why you so worked up", "quit hollerin'"; false: "cool down cycle", "relax and recover package",
    # "the mare needs to be calm"), 0.82/0.90 positive language (misses: "have to say no to that one", "fitted it
    # wrong, so ring them", "aren't a thing we do", "the depot, they're useless", "you'd need the other line",
    # "declined as per our terms", "go back to where you bought it", "not me that sets the prices", "not much I can,
    # um, really do", "prohibited from cancelling"; false: empathy and offers around "can't"/"not acceptable"),
    # goodbyes 0.86 ("have a blessed day", "bye for now, take care of that back", "ka kite ano"), mid-call 0/22
    # session 22, second round (L17): its missed classes fixed (tuning_l17 has new wordings of them): 1.00/1.00
    # calm-down, 1.00/0.98 positive language ("unfortunately the courier did damage it, so we'll send a new one"
    # left), goodbyes 1.00; a tuning list now, its floor raised from (0.80, 0.90) and goodbyes 0.85
    "held_out_s": (0.95, 0.95),
    # session 22, second round (L17): the classes behind the twenty-first part's misses and list S's (a guarantee
    # limited to a time and "that's you outside it", counterfactual blame "if you'd ... it wouldn't", a fault "at
    # your end", blame on a third party or the firm's own tools, a fault handed on with the number to ring, "have
    # to say no to that", "not a thing we do", "prohibited from", "we're only the supplier"; calm-downs "settle
    # your feathers", "slow your roll", "mellow out", "vexing yourself", "fired up", "up the wall", "be calmer";
    # look-alikes: a bird's feathers, a cool down cycle, a relax package, "if you'd like ... it wouldn't cost");
    # 1.00 / 1.00 on both kinds when written (0.05 / 0.20 calm-down, 0.44 / 0.92 positive language, mid-call 4/4
    # taken for goodbyes at e1dcca9, before the change)
    "tuning_l17": (0.95, 0.95),
    # written blind (K15, session 22), first scored at 08109ee (session 23): 0.89/0.89 calm-down (misses: "lower
    # the temperature a bit", "loosen up a bit, buddy", "getting all aeriated", "relaaax, bro ... no need to freak",
    # "de-escalate your tone"; false: "relax mode on the massage chair", "cool down in the plunge pool", "relax your
    # grip on the paddle", "lets him calm down", a "Please Relax" sign), 0.89/0.94 positive language (misses: "the
    # courier's the one who lost it, take it up with them", "I've got no say in the matter", "that's a you problem",
    # "ain't no way we're sending another engineer", "cannot one, the voucher already expire", "down to how you
    # washed it"; false: "unfortunately the morning slot's gone, but I've got two o'clock", "I can't say fairer than
    # that"), goodbyes 1.00, mid-call 0/22
    "held_out_t": (0.85, 0.85),
    # written blind (K16, session 23), first scored at 8ef16f9 (session 24): 0.83/0.84 calm-down (misses: "calm the
    # head", "cool yuh head", "gettin' all het up, simmer on down", "wicked wound up", "calmed down" / "calmed own" as
    # heard, "take the emotion out of this, overwrought", "dial the attitude down a notch"; false: "breathe in on the
    # upstroke", "relax your ankles", "don't stress about the licence", a "calm down period", a boat called Keep Calm,
    # a song called Calm Down, "keep it down after eleven"), 0.80/0.88 positive language (misses: "I physically cannot
    # move", "between you and him", "company policy is we don't", "I've no way round it", "the quote was binding",
    # "first come first served, we don't hold them", "X deals with that, not us", "you picked the cheapest package",
    # "I'm going to have to decline that", "not coming under our scope", "claim off his insurance"; false:
    # "unfortunately the storm did damage ..., so we'll rebuild it", "I'm not able to hear you very well", "I won't be
    # able to make it myself, but Gwyn ...", "the sad news is ..., the good news is ...", and two calm-downs also read
    # as refusals), goodbyes 0.91, mid-call 0/22
    "held_out_u": (0.8, 0.8),
    # written blind (K17, session 24), first scored at abc06b2 (session 25): 0.78/0.95 calm-down (misses: Geordie
    # "divvent be gettin' aal worked up", "steady yourself a bit", Yorkshire "simmer thissen down", Singaporean "don't
    # so hot tempered", "bring your tone right down", "be a little less emotional", "calm dawn" / "call mine down" /
    # "just relaxed" as heard, "enough with the dramatics"; false: the sea forecast calm, "I'd never ask you to calm
    # down"), 0.80/0.92 positive language (misses: "not replaceable at this notice, simple as", "aren't something I can
    # chase from this desk", "refused as a matter of course", "no cancellations, full stop", "end of story", "the
    # system won't let me", "your bank must have bounced it", Nigerian "we no fit change am", "withdrawn ... simply
    # unavailable", "no chance of a bigger sled", "whoever sold you that voucher, it wasn't us, I'm no use to you";
    # false: "unfortunately ..., but the good news is", "shouldn't have had your table, that's our mistake", "nothing
    # would make us happier", a refusal also read into a calm-down), goodbyes 1.00, mid-call 0/22
    "held_out_v": (0.75, 0.9),
    # written blind (K18, session 25), first scored at fce546e (session 26): 0.85/0.95 calm-down (misses: "de-stress a
    # little", "park the emotions", "a bit less of the dramatics", "no point in you losing the rag", Shetland "a peerie
    # bit calmer", Norfolk "get yourself in a rare ole state", Bajan "doan get on so, settle yuhself"; false: "relax
    # your grip on the axe handle", "we never close ... on bank holidays"), 0.78/0.896 positive language (misses:
    # "couldn't possibly reprint ... for free", "no way on god's green earth we're refunding", "your request ... has
    # been declined", blame in "that's what happens when you keep it in the fridge door", "you must have wrecked the
    # wheels yourself", "just because your lad didn't tape his toes", "our terms state the fee is payable whatever we
    # find", "against house rules", "per our policy ... cannot be transferred", deflections "take it up with them",
    # "talk to the rink owner, we just rent out", "the governing body's business, so ring them"; false: "unfortunately
    # for the ski shops ... great news for you", "we can't let you pay twice, so I've cancelled", "I'm not able to see
    # the booking ... could you spell", "we don't do things by halves", "no refund needed, because I've moved"),
    # goodbyes 0.91 ("right then, ta-ra", "goodbye and thanks for your patience" after "that's the typewriter on its
    # way"), mid-call 0/22
    "held_out_w": (0.75, 0.85),
    # written blind (K19, session 26), first scored at b308106 (session 27): 0.70/0.74 calm-down (misses: "no need to
    # get a cob on", "ease up a notch", "don't vex up yourself", "must not be so hot-headed", "don't be so fiery", "go
    # aisy", "dial back the temper", "stop the hysterics", "stop your giving out and collect yourself", "nae cause to be
    # so crabbit", "settle right down", "no sense pitchin' a fit", "havin' a conniption", "don't get thi monkey up";
    # false: cool down, relax, breathe, easy does it said of an oven, a tub, a hat block, a cloth, a tattoo, a mode, a
    # harness, a bow; a story about being told to calm down), 0.73/0.91 positive language (misses: "ring the courier
    # thissen, it's nowt to do wi' us", "it says right there in the hire agreement, so there's nothing to discuss", "you
    # clearly didn't follow the care sheet, so the guarantee's void", "the guide isn't ours, you'll have to chase the
    # farm", "bring it up with the installer, we just sell", "I cyah do nothing for you there", "cannot change already",
    # "don't get frozen, them's the rules", "handles its own complaints, nothing I can pass on", "made to your own
    # measurements, so the mistake's yours", "ain't nothin' we can do now", "gives no money back to folk who quit early,
    # those are the terms", "not a hope ... she's her own boss, call her yourself", "sets the rules, I just book seats,
    # go see the pilot", "just aren't done once ... starts"; false: "not a bother, I'll move", "can't take off in fog,
    # so they'll fly you ... at no cost", "unfortunately the first fitter did a poor job, so I'm sending our best", "it
    # isn't our policy to leave anyone without hot water"), goodbyes 0.91 ("slan go foill so", "mela, that's it, chow
    # chow"), mid-call 0/22
    "held_out_x": (0.65, 0.7),
    # written blind (K20, session 27), first scored at 736ae4b (session 28): 0.78/0.90 calm-down (misses: "hould
    # on now and stop the roarin", "reduce the temper", "stay cool ... no need to make a whole palaver", "don't
    # make yourself crazy", "ease up ... too vex", "why you bawlin so? lower yuh voice", "don't be nervous like
    # this", "not so nervous", "please stop the anger", "when you're ready to speak to me calmly", "dial back the
    # volume" read as a refusal; false: calm, relax, easy said of fish, a tagline, a horse, a hot tub mode),
    # 0.79/0.94 positive language (misses: "we won't be coming back out for that, the job's been signed off",
    # blame in "because nobody brushed him, that's hardly our doing", "cos you left the heating off", "because you
    # overfed the koi", "that's on your own head", "dat's ya own fault", "our terms say ... and that's that",
    # "that's the procedure, I don't make it", deflections "ring the manufacturer ... we only sell", "your home
    # insurance should cover it, have a word with them", "not from our side, go and see the transporter", "sorry,
    # impossible ... no cancel"; false: "sorry you had to ring twice, that shouldn't happen", "can't be frozen, so
    # we'll deliver them fresh"), goodbyes 0.95 ("ta for that, hwyl now"), mid-call 0/22
    "held_out_y": (0.75, 0.9),
    # written blind (K21, session 28), first scored at b59473c (session 29): 0.91/0.91 calm-down (misses: "dinnae get
    # yersel aw fashed", "put a lid on the temper", "less of the huffing and puffing", "put the brakes on the anger";
    # false: bees that "calm right down", dough left to "settle down", an apology for a colleague who said "calm down",
    # "take a deep breath in" at a class), 0.84/0.96 positive language (misses: "cannae help ye wi' that", "the scaffold
    # company don't deal with complaints, nope", "impossible, sir", blame in "the mess is from your own dog", "I won't
    # be putting that through, it's against the hire agreement", "not from us, you go and ask the supplier", "returns
    # are a flat no", "we're not bound by it", "regulations won't let me release"; false: "the crane can't come Monday,
    # but I've got Tuesday", "can't fit it this week, so I've booked you first thing Monday"), goodbyes 0.95 ("grand so
    # ... slán now"), mid-call 0/22. Session 40 (P3): scored with the product's calm-down head (0.98) once the tests
    # read the product's settings, calm-down 0.98/0.92 -> 1.00/0.88: precision floor 0.90 -> 0.85, reported to the lead
    "held_out_z": (0.8, 0.85),
    # written blind (K22b, session 29), first scored at 525e214 (session 30): 0.87/0.95 calm-down (misses: "stop
    # mithering me", "calm your nerves", "don't so kan cheong", "doh get on so", "dial the emotion down a few
    # notches", "stop flying off the handle"; false: a "relax-back chair", "take a deep breath in when the nurse
    # says" for an X-ray), 0.85/0.96 positive language (misses: "reopening a closed claim just isn't an option for
    # us", blame in "you've overloaded the trailer, that's why the axle went", "the crack's from you dropping it",
    # "you should've booked it earlier ... that's the problem", policy in "per our policy, we do not reschedule",
    # "as per the terms you signed, the cancellation charge still applies", deflections "it's the manufacturer you
    # need, we just sell", "I'd have to pass you on, I've got nothing to do with invoices"; false: "I wouldn't
    # change a thing about your design", "I'm unable to find the order under that name, could you spell"),
    # goodbyes 0.95 ("shot bru, cheers, totsiens"), mid-call 0/22
    "held_out_aa": (0.85, 0.95),
    # written blind (K23, session 30), first scored at 5aedd04 (session 31): 0.70/0.94 calm-down (misses: "don't
    # go getting yourself all of a fluster", "no need to go off at the deep end", "moderate your emotions before
    # we can proceed", "take am easy", "sakin ol", "doucement", "stai tranquillo", "don't go gettin' all
    # bothered", "no need for get all huhu", "keep our feelings out of this", "becoming terribly overwrought",
    # "not get our feathers ruffled", "hold you hard, bor", "don't get all teasy"; false: a spa break called the
    # "Calm Down Weekend", "if anyone tells you to relax about a gas leak"), 0.82/0.94 positive language (misses:
    # "zero chance of", "no way am I sending", "ain't no way we can", "that's never gonna happen", policy in "the
    # policy clearly states", "procedure says I have to close", "per the contract ... no exceptions", blame in
    # "you never told us about the steps", "that happens when people leave their heating off", "we no can give the
    # money back"; false: "I'm not going to make excuses, we got it wrong", "I'm not able to see why ... so I'll
    # ring the depot", "it wasn't your son's fault"), goodbyes 0.86 ("shukriya, Allah hafiz", "good day to you",
    # "peace out"), mid-call 0/22; list AB holds at least one "good question"-style line that helper Q28 saw named
    # in a grep (session 30)
    "held_out_ab": (0.65, 0.9),
    # written blind (K24, session 31), first scored at dc0f2c8 (session 32): 0.67/0.90 calm-down (exactly 35/52
    # and 35/39; misses: "bring the temperature down before we go any further", "ease off the throttle", "don't go
    # blowing a gasket", "no need to have kittens", "steady the buns", "no call to be spitting feathers", "blowing
    # this right out of proportion", "far too wound up about", "stand down, I say again", "reset the energy here",
    # "be cool first", "calm, calm, please", "no need for all the huffing and puffing", "cálmate", "do not become
    # so nervous", "don't take so much tension", "dinnae get yersel in a fankle"; false: "cool down the laser", a
    # reassuring "relax, you're not losing the deposit", "breathe through the numbness, the hygienist says",
    # "quiet down the bells, you mean?"), 0.72/0.91 positive language (43/60; misses: "we're not going to be
    # re-running", "zero chance of moving", "just isn't on", "our house rule is no cash back", "the regulations
    # say ... is forfeit", "the booking terms are clear, there are no changes", "management's rule is strict, no
    # dogs", "you left the cage door open, so ... is on you", "the instructors decide all that, so ring them",
    # "it's impossible for me to reopen", "nothing more I am permitted to do", "I'm going to have to say no to",
    # "per HR-approved process ... not actionable", "negative, no replacements issued", "yeah, no, that's not
    # happening", "your fault for booking the wrong day", "won't touch a rifle from another shop, no way"; false:
    # three reflections of what the customer was told ("you said you were told no refunds, and that's wrong"), and
    # "take it down a notch ... is not my fault" read as blame too), goodbyes 0.95 ("roger that, out"), mid-call
    # 0/22
    "held_out_ac": (0.65, 0.85),
    # written blind (K25, session 32), first scored at c4ae844 (session 33): 0.79/0.98 calm-down (exactly 41/52
    # and 41/42; misses: "dinna fash yersel", "divvent git thissen aw worked up", "all of a lather", "calm your
    # mind first", "jai yen yen ... keep a cool heart", "be patient and do not upset yourself", "bring the energy
    # down a little", "approach this a little less heatedly", "peace, my friend, be still a moment", "I need you
    # to settle first", "quit flying off the handle at me"; false: a mattress range called "Deep Relax"),
    # 0.70/0.875 positive language (42/60 and 42/48; misses: "we'll no be swappin", "that's nae happening",
    # "simply not an option", "off the menu", "we're not sending another engineer out", "no possible to give
    # discount", blame as a cause ("your dog chewing the cable that's done it", "you left the side gate open",
    # "you've overloaded the drum, that's why", "your builder who drilled through", "your kids must have knocked",
    # "from how you stored it", "runnin it on the wrang fuel", "yous never bled the radiators"), policy ("those
    # are the house rules", "under the hire agreement ... no discretion"), deflection ("try the council, they deal
    # with that", "ring the warranty company, they handle"); false: "there's no reason this can't be fixed today",
    # "unfortunately the weather was awful, but ... held up", a policy in the customer's favour, "we don't do the
    # white version any more, but ... I'll send it", "can't be recycled, so we'll take it away", "the tenant isn't
    # to blame ... I'll chase him"), goodbyes 0.82 (18/22; misses: "take it handy", "hej då", "doei doei",
    # "annyeong hi gyeseyo"), mid-call 1/22 ("so that's the first bit done, now the paperwork")
    "held_out_ad": (0.7, 0.85),
    # written blind (K26, session 33), first scored at 3a43199 (session 34): 0.79/0.91 calm-down (exactly 41/52
    # and 41/45; misses: "from an eleven down to about a four", "let the frustration float away", "back it down a
    # notch", "steady those nerves", "not be so um cross with me", "don't get salty with me", "uspokoytes",
    # "nyugi, nyugi", "tenang saja", "lengjing yidian", "simmer it down"; false: "take a deep breath and hold it"
    # for an X-ray, "keep the noise down" while working, a "chill-out tent", a hotel called "Tulia House"),
    # 0.75/0.90 positive language (45/60 and 45/50; misses: "that's not a runner at all", "a big fat no on
    # swapping", "the vendor's position is final, there's no movement", "simply not a thing ... immovable", "that
    # door is closed", blame as a cause ("that's what happens when the instructions aren't followed", "you've
    # overloaded the trampoline", "was left out in the rain, that's why", "somebody in your house cleaned it with
    # bleach and that wrecked", "your kids have been jumping on ..., which is why"), policy ("store policy is
    # exchange or credit note only", "bound by the contract you signed", "standard procedure is forty eight hours'
    # notice, so the charge applies", "we hold our cancellation boundaries firmly", "once a fine is on the system
    # it stays, we don't wipe them"); false: "stop kicking off at me" (a calm-down, also taken for a refusal),
    # "unfortunately the storm hit the depot, but I've rebooked", "I'm not able to see the whole card number,
    # which keeps you safe", "blame the weather, not yourself", "no that's fine, it's not an issue at all"),
    # goodbyes 0.77 (17/22; misses: "catch you on the flip side", "over and out", "toodle-pip", "viszlát", "sampai
    # jumpa"), mid-call 0/22
    "held_out_ae": (0.7, 0.85),
    # written blind (K27, session 34), first scored at 8b99854 (session 35): 0.83/0.98 calm-down (exactly 43/52
    # and 43/44; misses: "stop your flapping", "stop creating, will you", "dial it right back", "you are becoming
    # agitated, I'll need you to settle", "you must to become more calm", "do not make the big fire in your head",
    # "quit getting all jagged up", "don't get your tail in a knot", "steady the buffs"; false: "relax in the hot
    # tub while we finish the patio"), 0.75/0.92 positive language (45/60 and 45/49; misses: "tough luck, I'm
    # afraid, the sale price ended", "we shan't be doing a second fitting without another payment", blame as a
    # cause ("you lot obviously didn't measure the doorway", "sounds like your teenager has been fiddling with the
    # router settings", "if you'd bled the radiators like the leaflet said, you wouldn't be cold", "the damp is
    # from you lot drying clothes on the radiators", "it's the way you've been parking on the verge that cracked
    # the drive", "the horse threw the shoe because you turned him out in the mud", "you should of checked the
    # size chart"), policy ("head office is very strict, nobody gets a price match", "more than my job's worth to
    # let you in", "our booking rules forbid changing the lesson time", "orders are final once the florist starts,
    # no changes"), deflection ("the airline lost your bag, so it's them you want", "the bridal shop isn't
    # responsible if you've changed size"); false: "not a chance we'll leave you without heating", "we can't let
    # you pay for that, it was our driver", "it won't be a problem to extend the hire", "we can't do enough for
    # our regulars"), goodbyes 1.00 (22/22), mid-call 0/22
    "held_out_af": (0.7, 0.85),
    # written blind (K28, session 35), first scored at 5954f34 (session 36): 0.69/0.97 calm-down (exactly 36/52
    # and 36/37; misses: "pump the brakes there, bud", "simmer, simmer, tough crowd today", "heat down, heat down,
    # you're boiling over", "nor vex, my brother", "don't make a tragedy from this", "brother, cool your heart",
    # "less of the fireworks, please", "unclench", "take a beat and let the fizz go out of it", "heads cool and
    # voices down", "let that storm front of yours blow over", "eyes down, voices down", "sit tight and stop
    # stewing", "a bit less drama and a bit more order number", "zen mode, please", "let the steam out of the
    # kettle"; false: "after the massage, just take it easy" (aftercare advice)), 0.60/0.97 positive language
    # (36/60 and 36/37; misses: refusals ("I'll have to knock that one back", "we're going to have to decline the
    # refund", "nope, can't swing a second delivery slot", "waiving the callout fee is not something I'm going to
    # do", "you're not getting a discount", "yeah nah, we're not couriering", "don't hold your breath for a
    # replacement", "the free harness isn't going to materialise"), blame as a cause ("you clearly didn't follow
    # the setup guide, that's why", "the fault's at your end ... fitted wrong by your fella", "you've plugged the
    # motor into the wrong port, haven't you", "you ticked the box that said you'd read the terms, so", "that's
    # what happens when you stuff the washer full of", "your puppy's chewed through the harness, that's hardly a
    # factory fault", "had you measured the stairs properly, the sofa would have gone up"), policy ("company
    # procedure says opened reeds can't come back", "our terms of hire are crystal clear on late returns", "per
    # the contract, cancelling inside seven days costs the full fee", "regulations are regulations", "that's laid
    # down from above, no cash refunds", "pursuant to our returns schedule ... a final sale item"), deflection
    # ("try the council, it's their bin lorry", "you'll need to speak to whoever sold you", "that's one for the
    # warranty people mate not for me"); false: "not a chance I'm letting you go without the right size"
    # (reassurance)), goodbyes 0.95 (21/22; miss: "that's all squared away, have yourself a blessed day"),
    # mid-call 0/22
    "held_out_ag": (0.55, 0.85),
    # written blind (K29, session 36), first scored at f865731 (session 37): 0.87/0.96 calm-down (exactly 45/52
    # and 45/47; misses: "don't you go getting yourself all in a pother", "no sense getting wicked wound up about
    # it", "easy, easy, no need fi vex so", "do allow the temper to breathe a little, like a young claret", "vibe
    # check, you need to dial down the intensity a notch", "engage the dampeners, captain, you're running way too
    # hot", "you're getting yourself worked into a right state over a two pound postage charge"; false: "y'all
    # relax on the porch" (leisure), "relax the straps a bit before you tighten the buckle" (instruction)),
    # 0.67/0.95 positive language (40/60 and 40/42; misses: refusals ("that dog won't hunt", "we ain't finna redo
    # the tint for free", "we won't put a plane up for your cabin run till spring, period", "we no fit change the
    # date again, impossible", "a discount on the asado grill, no way, forget it", "alas, no recompense shall be
    # granted", "we're gonna pass on comping your beans", "money back? leave it out, mate, not a hope", "negative
    # on the refund"), blame as a cause ("ye've overloaded the trailer, that's how the axle bent", "you left the
    # tarp off the turf all week, that's why", "it's your own lad that snapped the hurley", "the mash soured
    # 'cause y'all left the lid off", "your pipes froze because you shut the heat off"), policy ("one rule stands:
    # all sales are final", "the rule in our shop is no swapsies once the box is open", "by the statutes of this
    # guild, no coin returneth", "house policy, I'm afraid, is that corked bottles are only exchanged at the
    # table"), deflection ("that's the state's business, take it up with them", "not my stall, mate, go and moan
    # at the fella who sold it you"); false: "we can't let you drive off on bald tyres, so the new set's on us"
    # (the company taking the cost), "blame the weather if you like, but we'll come out and fix the gutter" (an
    # offer)), goodbyes 0.86 (19/22; misses: "sound out, you're all set, good luck so", "bet, you're locked in for
    # Friday, I'm out", "rad, your order's in, stay caffeinated, later"), mid-call 0/22
    "held_out_ah": (0.6, 0.85),
    # written blind (K30, session 37), first scored at 81fc5ff (session 38): 0.75/0.93 calm-down (39/52 and 39/42;
    # misses: "put the handbrake on a sec, sir", "don't be getting your tinsel in a tangle now", "would you stop
    # the caterwauling", "my sister, why you making so much noise, sit quiet", "no histrionics, please", "stop
    # stamping your feet, young man", "steady, steady, play yourself in, sir, no need to swing wildly at every
    # ball", "that's a yellow card for the shouting, sir, have a breather", "I need you to cool off in the shade a
    # minute", "roll up, roll up, but not the temper, sir", "easy with the hot air, pal", "I'm cutting you off the
    # shouting, have a glass of water", "you need to calmer down a bit madam" (a recogniser-like slip); false:
    # "I'll bring it down a gear and reverse the lorry up your lane" (driving), "keep your hat on in that sun"
    # (advice), "hold your fire until the starter waves the flag" (a custom)), 0.73/0.92 positive language (44/60
    # and 44/48; misses: refusals ("that's a firm nope from our end on the refund", "we'll be passing on that
    # request for a free upgrade", "the answer to a second delivery is nay", "we flat out don't do Sunday pickups,
    # never will", "a voucher for that one is a dead duck", "compensation for the lost day isn't on the menu
    # here", "zero refunds, zilch, nada", "don't hold your breath for a credit note, it isn't coming", "moving the
    # rodeo tickets to next year has been ruled out", "head office says nyet to the price match, nothing doing",
    # "the boss say no, so is no, my friend, you can try other shop"), blame ("you brought this on yourself by
    # skipping the outboard service", "whoever plumbed the irrigation pivot at your end made a pig's ear of it"),
    # policy ("house rules, no dogs on the turtle boat", "head office has a blanket ban on refunds after the trip
    # starts", "the contract is crystal clear, cancel inside a week and the deposit's gone"); false: "it's our
    # courier who dropped the ball, and we'll sort it with them" (owning it), "house rules are just no smoking in
    # the yurt, everything else is fine" (a permission), "not my department officially, but I'll walk it over to
    # accounts for you" (an offer), "ease off the throttle, pal, I can't think with you roaring down the line" (a
    # calm-down also taken for positive language)), goodbyes 0.68 (15/22; misses: "okay, go well, my brother, we
    # talk", "right, godspeed with the harvest", "right, that's me, I'm away to my tea", "okay then, see ya in the
    # funny papers", "alright, don't be a stranger now", "okay, happy trails, partner", "right, fair winds and a
    # calm crossing to you"), mid-call 0/22
    "held_out_ai": (0.7, 0.85),
    # list AJ (helper K31, session 38), scored once at a6332b6 in session 39: calm-down 0.69 / 0.97 (36/52; misses:
    # images and registers no family held: "stop hopping about like a cat on a griddle", "dial back the
    # hollering", "compose herself", "put your claws away", "stop giving out to me", "don't go doing your nut",
    # "roll for composure", "pray silence ... let us all draw breath", "un-ruffle those feathers", "you must
    # relax, inshallah", "you are too much excited, sit down", "be cool, be cool", "belay that shouting", "let all
    # this fury be set aside", "radiating way too much negative energy ... let it go and breathe", "rel relax
    # you're fine"; "don't be throwing a wobbly at me" caught but also taken for positive language), positive
    # 0.88 / 0.93 (53/60; misses: blame by implication ("clearly someone didn't", "had you read the email",
    # "you chose him", "leaving the greenhouse door open all winter did that"), policy ("the contract's quite
    # clear ... run whatever happens", "the regulations say under sixteens can't ride alone, so that's that",
    # "the deposit shall not be returned, by order of the management"); false: "the courier messed up, but
    # that's ours to fix", "it's not my department, but I'll walk it over to them myself", "I couldn't possibly
    # take money for that", and calm-down on "the pastry has to chill for an hour"), goodbyes 0.95 (21/22; miss
    # "aight, you're good, later"), mid-call 0/22
    "held_out_aj": (0.65, 0.85),
    # list AK (helper K32, session 39), scored once at 58c3a04 in session 40: calm-down 0.69 / 0.90 (36/52; misses:
    # dialect and register imperatives no family held: "catch yourself on", "wise up, wee man", "chill with the
    # attitude", "don't get so hot", "stop with the nerves", "do not make yourself so upset", "no need fuh get
    # vex", "doan get yuhself all bex", "still thy raging tongue", "lower our voices as we move through this",
    # "getting this agitated will not bring...", "you're running hot ... stand down and stabilise", "turning your
    # temper off and on again", "lose the capital letters voice"; false: instructions "take a breather between the
    # two lessons", "hold your nerve at the roundabout", "take a deep breath in for the fitting", "relax your grip
    # on the handlebars"), positive 0.80 / 0.96 (48/60; misses: dialect refusals ("nae chance o' a refund"), blame
    # by cause ("that's your ventilation, not our windows", "tore because you slept in them", "'cause y'all been
    # flushing wipes", "thou hast broken it thyself"), policy ("the deposit is forfeited if", "rules say under-fives
    # can't ... so your little one sits out", "policy, madam, policy, I'm only the messenger", "the system's locked
    # it and I've no override"), deflection ("talk to your bank about that", "ring the dental lab, ... their job");
    # false: "I can't let you stand out in the cold", "it's in the small print, but it's in your favour"),
    # goodbyes 0.82 (18/22; misses "khoda hafez", "lata lata", "check you later", "signing off"), mid-call 0/22
    "held_out_ak": (0.65, 0.85),
    # list AL (helper K33, session 40), scored once at 8e19423 in session 41, the first list scored with the
    # product's calm-down head (P3's d457df4): calm-down 0.83 / 0.91 (43/52; misses: dialect and register
    # imperatives no family held: "no need to get all teasy", "don't go gettin' all gert narked", "don't be
    # gettin' yourself so wound right up", "don't be so high blood", "belay that bellowin'", "let's get a
    # cool-down lap in", "settle himself down right now", "moderate his tone", "take the emotion offline ... once
    # you're in a better headspace"; false: "da swell stay calm tomorrow", "pole pole is how we climb", "breathe in
    # for four, hold for four" (a class's pattern), "she'll be calm" of a cat), positive 0.78 / 0.94 (47/60;
    # misses: dialect refusals ("we cor do that, bab, it ay our job"), "there's no way we're opening ... again",
    # blame ("you broke it yourself"), deflection ("that one no concern us", "not we business ... talk to the
    # shipping people", "out of scope for my team, ... raise a ticket with procurement"), images ("not on the mat
    # today", "the outlook for a refund is bleak", "not something the stars, or our booking policy, will allow"),
    # policy ("per clause fourteen point two ... no liability", "we never uncork a second bottle on the house",
    # "refund not available"); false: "the rule is the rule ... says you get a full refund", "there's no way I'm
    # sending you up the mountain without a coat", "we let the bouncy castle down slowly"), goodbyes 0.91 (20/22;
    # misses "see dee later", "is done, doh worry, later"), mid-call 0/22
    "held_out_al": (0.75, 0.85),
    # list AM (helper K34, session 41), scored once at b3099cd in session 42 (calm-down head on): calm-down
    # 0.88 / 0.94 (46/52; misses: dialect and archaic imperatives no family held: "keep yer 'air on", "no need to
    # get kros", "be not so choleric", "let's not get our blood pressure up", "turn the frustration off and on
    # again", a broadcast "asking callers to keep their composure"; false: "sit back, relax in the booth" of a
    # hearing test, "wunna don' worry, de bus gine wait", "Tranquilo is the name of the boat"), positive 0.83 /
    # 1.00 (50/60; misses: dialect blame and deflection ("that's thy own lookout", "that's on yinz", "na your
    # fault", "that one is not us, it's the bank", "dat nah we business"), archaic refusals ("thou shalt have no
    # coin returned"), "the fault ... is in thyself", "we don't go back for lost hats", "that's wear and tear ...
    # so you're paying for it", "not really something we can help with ... call the county"), goodbyes 0.91
    # (20/22; misses "cheers the noo, pal, aw the best", "alright, den, tek care, hear?"), mid-call 0/22
    "held_out_am": (0.8, 0.9),
    # list AN (helper K35, session 42), scored once at 1ef2ad0 in session 43 (calm-down head on): calm-down
    # 0.85 / 0.86 (44/52; misses: breathing drills ("breathe in for four ... soften that frown"), formal and
    # third-person asks ("one might compose oneself", "the caller will moderate their tone"), metaphors ("a storm
    # front building in your voice", "steady as she goes, no need to rock the boat", "bring the stress levels back
    # to nominal", "turn the heat down on yourself"), a story of a customer who "settled down"; false: "Hush Hush
    # Mattresses", "I'll stay calm and thorough", "relax and enjoy the safari", "take a deep breath of that sea
    # air", "no tension, I have already raised ...", "lower our arms slowly ... nice and calm", "good dog,
    # settle"), positive 0.93 / 0.97 (56/60; misses "no way in the wide world I can", "not in my hands, you must
    # contact the head office", "you really ought to have read the conditions", "you've left it far too long
    # ..., that's why it costs more"; false: "the pastizzi are never frozen", "the rule is leave no trace"),
    # goodbyes 0.91 (20/22; misses "see you dreckly", "shot, cheers hey"), mid-call 0/22
    "held_out_an": (0.8, 0.85),
    # list AO (helper K36, session 43), scored once at b07aa75 in session 44 (calm-down head on): calm-down
    # 0.92 / 0.94 (48/52; misses: regional asks ("divvent gan radgie on me, pet", "keep your barnet on", "leave it
    # out, sunshine, no need for all the aggro", "quit getting so jagged off"); false: shops named "Settle Down
    # Mattresses" and "Easy Tiger Bakery", "no dramas, mate"), positive 0.88 / 1.00 (53/60; misses: a wait for the
    # manager ("can't do anything till the manager's back"), blame on the customer's kit or deed ("a problem with
    # your handset, not with our network", "you didn't shout house in time", "y'all left the gate open ... ain't on
    # us"), an archaic ban ("the guild forbids refunds"), "accepts no liability whatsoever", "the coach doesn't wait
    # for latecomers"), goodbyes 0.86 (19/22; misses "sound, la, see yer", "dead on, see you after", "aight, we
    # good, later"), mid-call 0/22
    "held_out_ao": (0.85, 0.9),
    # list AP (helper K37, session 44), scored once at 0d8de18 in session 45 (calm-down head on): calm-down
    # 0.92 / 0.86 (48/52; misses: Doric and pirate asks ("nae need tae get in a fair flap", "simmer yer bilge"),
    # the customer spoken of in the third person ("getting far too worked up, folks, let's bring that temperature
    # right down", "ask the gentleman ... to settle himself down"); false: names ("Chillax" suit, "Relax Inn", the
    # "Breathe" topper, "Hush Now Baby Carriers"), "settle the last invoice", "idle and cool off", "relax the login
    # rules", a patois "nuh problem"), positive 0.88 / 0.98 (53/60; misses: dialect refusals and blame ("Yow cor
    # have a refund", "Dat is not we fault", "it is your mistake only"), "sold as seen ... no returns", "you didn't
    # put your name on the form, so that's why it got lost", chat shorthand ("not my dept u need to ring the
    # warehouse", "thats ur fault"); false: "There's no way you should have waited that long"), goodbyes 0.95
    # (21/22; miss "fare ye weel"), mid-call 1/22 (a stall named "Adieu Fabrics")
    "held_out_ap": (0.85, 0.85),
    # list AQ (helper K38, session 45), scored once at 73a51fd in session 46 (calm-down head on): calm-down
    # 0.98 / 1.00 (miss: "Sir, unclench, it's a fridge magnet"), positive 0.85 / 0.98 (misses: dialect refusals and
    # blame ("that's no oor problem, ye'll need tae take it up wi the courier", "We dunna do refunds on sale goods,
    # hit's company policy", "That's thi own fault", "Tidn't our fault, my lover", "Is not we fault, is the airline
    # who lose it"), a referral ("you gotta talk to the landlord, we just do the plumbing"), "not something cabin
    # crew can help with", "it sure ain't mine, kid, take it to the manufacturer", blame without a blame word ("The
    # delay was caused by you not being home"); false: "Normally that's the landlord's job, but I'll contact him for
    # you today"), goodbyes 0.95 (21/22; miss "Go in peace, your order is dispatched, amen"), mid-call 0/22
    "held_out_aq": (0.85, 0.85),
    # list AR (helper K39, session 46), scored once at c7ec91f in session 47 (calm-down head on): calm-down
    # 0.90 / 0.98 (misses: "Hold yew hard there, bor, no need to git yourself in a rare ole tizzy", "let's get those
    # emotions under control", "decaf vibes, ... let's dial the intensity down a shot or two", "turn that volume knob
    # down, caller, let's keep it mellow", "if you could kindly regain your composure"; false: the goodbye "Y'all
    # take it easy out there now, bye"), positive 0.90 / 1.00 (misses: dialect refusals ("we cor do nothin without
    # it", "Ye cannae get yer money back on sale stuff", "Ah cannae help ye wi that, son"), "Our obligations ended at
    # the point of delivery, so any damage thereafter is yours to pursue", chat shorthand ("sorry cant change it now
    # its past the cut off"), "dat is not we doing, is de shipping company mess it up"), goodbyes 0.82 (18/22;
    # misses "Ta-ra a bit, bab", "everything correct, later", "thank you, ingat", "done all booked cya"), mid-call 0/22
    "held_out_ar": (0.85, 0.85),
    # list AS (helper K40, session 47), scored once at e2f58eb in session 48 (calm-down head on): calm-down
    # 0.98 / 0.91 (miss: "Please, you should calm yourself, this is not so dramatic, ja?"; false: product and song
    # names ("Keep Your Cool fridges", "Keep Calm and Bake tea towels", "Relax, Take It Easy was the song"), a
    # reassurance ("Don't stress, babe, I've already sorted it for you"), a blame ("That's the bank's fault, not
    # ours, so there's no point shouting at me")),
    # positive 0.95 / 0.97 (misses: blame told as a consequence ("you shouldn't have tried to fix it yourself,
    # that's voided everything", "The driver says you weren't in, so you'll have to pay for redelivery"), chat
    # shorthand ("sorry cant help u with that u need to contact the seller"); false: "Claro, no pasa nada, I change
    # the booking for you right away", a calm-down's "I can't think with you bellowing"), goodbyes 1.00 (22/22),
    # mid-call 0/22
    "held_out_as": (0.9, 0.85),
    # list AT (helper K41, session 48), scored once at c25ec80 in session 49 (calm-down head on): calm-down
    # 0.96 / 0.96 (misses: dialect and loan-word calm-downs "Dinna fash dee, ... just bide calm a meenit", "stop with
    # the stress, calm down, you are making a big balagan"; false: "Cool down the jam jars on a rack", "Keep your head
    # down and swing easy" on a golf course), positive 0.83 / 0.98 (misses: blame in dialects and pidgins ("da ferry
    # company's da eens at fault", "is de shipping agent who mek de mess", "that one no be our wahala"), blame told as
    # workmanship ("the leak is really down to his workmanship rather than us", "more their workmanship than anything
    # we did"), broken-English refusals ("no can change, the rule say no change", "that is not with us, the airline
    # lost the bag", "this is not from us, the supplier sent it wrong"), "That be none o' my concern", "I regret that
    # is not a service the household provides"; false: "it is not at all a problem, I have processed the refund
    # myself"), goodbyes 1.00, mid-call 0.00
    "held_out_at": (0.75, 0.9),
    # list AU (helper K42, session 49), scored once at 8b16fd5 in session 50: calm-down 1.00 / 0.90 (false:
    # product names and classes "The Keep It Calm range of candles", "Hush Hush headphones", "Breathe In yoga
    # studio", a station announcement's "take your seats and relax", bread dough "keep the dough relaxed"),
    # positive 0.93 / 0.95 (misses: blame told as how things work "so it's wear and tear on your side", "so that
    # one's your mistake, hon", "you agreed to the cancellation fee", "I'd say that's what happened your end";
    # false: "Our policy is to replace anything damaged in transit", "It's a different department, but I'll stay
    # on the line and transfer you myself"), goodbyes 0.95 (miss: "later, dude"), mid-call 0.00
    "held_out_au": (0.85, 0.85),
    # list AV (helper K43, session 50), scored once at 506c94f in session 51: calm-down 0.96 / 0.96 (misses: "Chill
    # small, my brother, no need to be hot like pepper soup", "breathe in for four, out for four, and just relax for
    # me"; false: "Whisht, I'm only after seeing it, it's our fault entirely"), positive 0.87 / 0.98 (misses: blames
    # told as what happened "the other shift forgot to log it, which is why", "our surveyor got the measurements
    # wrong ... so that's why", "the van driver didn't bother ringing the bell", "the factory in Leeds got your order
    # mixed up ... blame them", "the reason it broke is that your kids were standing on it", "the mistake must be on
    # your end", "nothing on my screen that says we ever promised that", "the returns window closed yesterday, so
    # you've missed it"; false: "I can't see any reason we wouldn't refund you"), goodbyes 0.95 (miss: "bye bye,
    # extra greetings to the family"), mid-call 0.00
    "held_out_av": (0.8, 0.9),
    # list AW (helper K44, session 51), scored once at d5807c1 in session 52: calm-down 0.94 / 0.92 (misses: "Doh vex,
    # nah, steups, allyuh always getting on so", "it's not that deep, just touch some grass and come back", "I'd invite
    # you to just sit with it and let it pass"; false: "Keep Your Hair On wig salon have confirmed your fitting",
    # "that's proper out of order what happened, I'd be raging"), positive 0.73 / 0.96 (misses: blames told as how
    # things work "these filters only clog like that when they're not changed every month, so that's maintenance on
    # your side", "the paint only peels like that if the wall wasn't primed first", "when people leave the lid open
    # the motor overheats", "normally that error comes from the customer typing the card number in wrong", "the
    # courier's terms say they don't deliver to flats without a buzzer, so that's why"; dialect refusals "Mi cyaan
    # help yuh wid dat", "that one no concern our office", "Na your mistake o"; "that's a skill issue"; "nobody here
    # forced you to pick the cheap option"; false: "That's the courier's side, but I've already opened a claim with
    # them"), goodbyes 0.95 (miss: "Fare thee well, good sir, thy order is placed"), mid-call 0.00
    "held_out_aw": (0.65, 0.85),
    # list AX (helper K45, session 52), scored once at 125ea35 in session 53: calm-down 0.94 / 0.98 (misses: "calm yer
    # timbers and I'll check the manifest", "I'm gonna need you to just vibe down a little", "before you blow a gasket,
    # let me just pull up your account"; false: "Relax the strap by one notch if the brace feels tight overnight"),
    # positive 0.83 / 0.94 (misses: blames told as how things are "the depot in Crewe is short staffed and they're
    # always behind", "the plumber we sent ... he's not the sharpest, so that's why", "accounts keyed it in twice,
    # that's their mistake", "the photographer we use doesn't back up his cards, which is why", "left outside because
    # you weren't in, so it's really down to you", "our IT system's been playing up ... not by me", "the gentleman on
    # the morning shift ... he's always doing that"; "that is not handled by us, you must contact the head office",
    # "the company accepts no liability for the delay", "sorry cant help w that its not our dept."; false: "Sorry ah,
    # our side's fault, I send replacement today", "That's the council's side, but I've emailed them for you", "The
    # courier messed up, but that's for us to sort out, not you"), goodbyes 1.00, mid-call 0.00
    "held_out_ax": (0.75, 0.85),
    # list AY (helper K46, session 53), scored once at 359c096 in session 54: calm-down 0.94 / 0.98 (misses: "Ease up,
    # me son, no need for all that, calm down and I'll sort it", "Going once, going twice, sold to the caller who needs
    # to calm down right now", "Right, enough of the dramatics, calm down and I'll tell you what's happening"; false:
    # "Relax Wraps are the spa towels, they come in white"), positive 0.85 / 1.00 (misses: a rule as the answer
    # "Returns are only accepted within fourteen days, and you're past that, so no"; blames told as how things happen
    # "If the settings had been left as we sent them, the heating wouldn't have cut out like that", "The crack's from
    # the frost getting into it, which happens if the pot's left outside, so it won't be a fault", "... so it's how it
    # was baked", "... so that'd be the charging habit", "... so that's down to the cooking"; "It wasn't our driver,
    # it'll be the neighbour who signed for it"; "We never promised next day, it says up to five days"; a brush-off
    # "that's with the repairs lot now, they'll, um, get back to you at some point, I suppose"), goodbyes 1.00,
    # mid-call 0.00
    "held_out_ay": (0.8, 0.9),
    # session 55: list AZ (helper K47, session 54, written blind; scored once at 02234dc, the start of session 55):
    # avoid_calm_down 0.94 / 0.96 (misses "Let's keep our shirts on, everyone, we'll get it sorted", "... a direct
    # debit's not worth raising your blood pressure over", "... let's bring the temperature in this conversation
    # down"), positive_language 0.82 / 0.94 (misses: blames told as how things happen or who did it, "The courier's a
    # subcontractor, so missed parcels are down to them, really", "Your builder will have fitted the trap back to
    # front, that's where the leak comes from", "That'll be your kids pressing the buttons, that's usually what causes
    # it", "The warehouse lads are new, so that's probably why it came in the wrong colour", "Well, the card number
    # must have been typed wrong, because our end is fine"; a rule or a machine as the answer, "No, the computer blocks
    # that, it just won't have it", "Look, the rules aren't mine, I just have to stick to them"), goodbyes 1.00,
    # mid-call 0.00
    "held_out_az": (0.75, 0.85),
    # session 56: list BA (helper K48, session 55, written blind; scored once at b1c6b2c, the start of session 56):
    # avoid_calm_down 0.96 / 0.93 (misses "... he needs to calm down before he takes a red card", "... let's get those
    # temperatures down and calm things a bit"; false: "The wine should breathe and calm down for an hour after
    # opening", "That's the Easy Tiger armchair in mustard velvet", "The dog's name is Relax, she's a Labrador"),
    # positive_language 0.77 / 0.94 (eight of 14 misses are blames told as how the thing was used, kept or fitted: "If
    # it's been kept in a damp garage over winter, the rust on the chain comes from that", "... so it's an
    # installation thing", "The fading's from it sitting in full sun all summer, so it's exposure rather than a
    # fault", "... so that's the maintenance side", "... so it's how it was laid", "... so that's really a storage
    # issue", "... so that's weather rather than us"; deflections "The marketplace seller handles returns, we're just
    # the platform", "It's your internet provider that's dropping it, not our app, so you'd call them"; rules "You're
    # outside the cooling off period, so that's that"; false: "I can't think of a single reason to refuse the refund,
    # so it's done"), goodbyes 1.00, mid-call 0.00
    "held_out_ba": (0.7, 0.85),
    # session 57: list BB (helper K49, session 56, written blind; scored once at a3f564d, the start of session 57):
    # avoid_calm_down 0.98 / 0.96 (miss "Just cool down a bit there, yeah, I can't hear the address with you going
    # off like that"; false: "Just relax the shoulder strap by one hole if it's digging in", "Pipe Down Acoustics are
    # fitting the soundproofing on Monday"), positive_language 0.80 / 0.96 (eleven of 12 misses are blames told as
    # how the thing was fitted, used, kept or left out: "... so the lockouts are coming from where your builder put
    # it, not from the boiler itself", "If the shed's been put up on bare grass instead of a proper base, that's why
    # the doors are binding, so it's the installation rather than the shed", "... so the port's burnt out from the
    # way it's been used, I'm afraid", "... so it's the weather it's been out in that's done that", "... so that's
    # how it was laid, not the boards", "... so it's how it was applied rather than the tin", "... so that's wear
    # from use, really", "... so it's how it's been driven", "... so that'll be the upkeep at your end"; the
    # deflection "The finance company sets the rates, so any complaint about them has to go to them directly";
    # false: "Not a penny to pay, and nothing more for you to do", "That's our policy, and it's on your side here,
    # a full refund within sixty days, no questions"), goodbyes 0.95, mid-call 0.00
    "held_out_bb": (0.75, 0.9),
    # session 58: list BC (helper K50, session 57, written blind; scored once at 326f475, the start of session 58):
    # avoid_calm_down 1.00 / 0.96 (false: "Tranquillo is the Italian place on the corner, they'll do the buffet",
    # "You said our van man told you to calm down, and that's not on, I'm sorry"), positive_language 0.82 / 0.98
    # (eleven misses: blames told as use, "The screen only cracks like that if it's been dropped, so it won't come
    # under the warranty", "... the zip's gone 'cause the case was overstuffed, that's a usage thing, not a fault",
    # "The filter in the pump was never rinsed out, so I'm afraid that's upkeep on your side", "If the bike was left
    # chained up in the rain every night, that chain was always going to seize, I'm afraid", "The paint's peeling
    # because it went on over damp plaster, so it's really down to how the wall was prepped", "The battery's swollen
    # because it was charged on a non-original charger, so the guarantee doesn't apply"; deflections "Sorry, bor,
    # that ent our job, you'll hatta ring the council about that", "Sorry, my friend, this is not with us, you must
    # talk with the transport company", "Speak to your energy supplier, we've no part in that", "The festival
    # organisers sold the tickets, so a refund would be for them to decide"; a rule "Sold as seen, sir, no returns
    # once the hammer's down, that's the auction house rule"; false: "Not a problem, I can't think why we wouldn't
    # refund that"), goodbyes 0.92 (missed "Awright, that's all squared away, see yinz", "Very good, madam, all is
    # arranged, I bid you good afternoon"), mid-call 0.00
    "held_out_bc": (0.75, 0.9),
    # session 23, second round (L18): the classes behind the twenty-second part's misses and list T's (the heat or
    # temperature of the talk taken down, "no need to go at me", "loosen up", "freak", "de-escalate your tone",
    # "aeriated", drawn-out words; "not up for discussion", "isn't grounds for" a refund, "not in the business of",
    # no say in the matter, "ain't no way we're", "cannot lah", "a you problem", "the one who lost it", "take it up
    # with <name>", "down to how you", "started at your place, not ours"; look-alikes: relax or calm down said of a
    # mode, a grip, an animal, a sign, water, a hob, a thermostat; "can't say fairer than that", a day the agent
    # can't do with another offered); 1.00 / 1.00 on both kinds when written
    "tuning_l18": (0.95, 0.95),
    "tuning_l19": (0.95, 0.95),
    # session 25, second round (L20): the classes behind the twenty-fourth part's misses and list V's (a job not done
    # again, "just how the shop runs", "won't wear it", "his to sort", "off limits", "zero wiggle room", the flat
    # tails "full stop / end of story / simple as", "steady yourself", "in a two and eight", Geordie and Yorkshire
    # forms, "don't so angry", "less emotional", "enough with the dramatics", heard forms); 1.00 / 1.00 when written
    "tuning_l20": (0.95, 0.95),
    # session 26, second round (L21): the classes behind the twenty-fifth part's misses and list W's ("not on the
    # table", "not something we can answer for", "can't be shifted / transferred", "couldn't possibly", "no way on
    # this earth", "has been declined", "not part of the arrangement", "payable regardless", "against club rules";
    # "you not <doing> it right", "that's what happens when you", "<done> it yourself", "just because your son
    # didn't"; "it's them you want to be speaking to", "handled by ..., ring them"; "de-stress", emotions parked,
    # "less of the drama", "losing the rag", "be a bit calmer", "a rare old state", "doan get on so", "all head up"
    # as heard); 1.00 / 1.00 when written
    "tuning_l21": (0.95, 0.95),
    # session 27, second round (L22): the classes behind the twenty-sixth part's misses and list X's (the terms quoted
    # as the end of the matter, "nothing to discuss", "just aren't done", "don't get refunded", "cannot change
    # already", a guarantee void, "sets the rules, I just ..."; "the mistake's yours", "makes it yours to put right",
    # "it's your <someone> that have done that", "you clearly didn't follow the instructions"; "bring it up with
    # <them>, we just sell", "isn't ours, you'll have to chase", "handles its own complaints", "go and see <them> about
    # it", "call her yourself"; "cyah", "nothin'", "nowt"; look-alikes: "not a bother", "not our policy to leave
    # anyone without", "I can't hear you over the noise"); 1.00 / 1.00 when written
    "tuning_l22": (0.95, 0.95),
    # session 27, second round (L23): the calm-down classes behind the twenty-sixth part's misses and list X's (a
    # mood "got on" or "up" in dialect, a fit pitched, "go up like a rocket", the temper dialled back, the drama
    # stopped, "so grumpy / crabby / snippy", "go aisy", "calm right down", "collect yourself", "unwind a bit") and its
    # look-alikes (a thing that must cool down, relax or breathe; being told to relax, reported); 1.00 / 1.00 when
    # written
    "tuning_l23": (0.95, 0.95),
    # session 28, second round (L24): the classes behind the twenty-seventh part's misses and list Y's (a road or
    # route "we don't go down", "not on the cards", "we won't be coming back out for that", "sorry, impossible", "no
    # cancel one"; "and that's that / final", "I don't make the rules", an agreement that "only lets us", "we stick to
    # that for everyone"; "that's you <doing>, not our <work>", "hardly our doing", "look closer to home", "on your
    # own head", "ya own fault", "cos you left the heating off", "because you overfed"; "your home insurance should
    # cover it", "have a word with them", "not from our side") and look-alikes ("sorry you had to ring twice",
    # "they can't be frozen, so we'll deliver them fresh", "on the cards" as good news, "that's that sorted", the
    # agent's own word with someone); 1.00 / 1.00 when written
    "tuning_l24": (0.95, 0.95),
    # session 28, second round (L25): the calm-down classes behind the twenty-seventh part's misses and list Y's (the
    # shouting or the anger stopped, "reduce the temper", "lower yuh voice", "dial back the volume", "no need to make
    # a whole palaver", "don't make yourself crazy", "don't be nervous like this", "why you bawlin so", "speak to me
    # calmly", "you'll give yourself a nosebleed carrying on like that") and its look-alikes (fish that stay calm, a
    # tagline, the word said to a horse, a device's volume, a metal's temper); 1.00 / 1.00 when written
    "tuning_l25": (0.95, 0.95),
    # session 29 (L26): the classes behind the twenty-eighth part's refusal, blame and policy misses as the lead's
    # results name them ("not something <anyone on our side> is willing to", a reason that "doesn't come into it" or
    # is "neither here nor there", damage that "comes from you lot <doing>", "a kitchen habit", the terms that have a
    # charge "down as payable") and look-alikes (a "can't" answered by a yes, "can't complain", a reason ruled out as
    # good news, the customer's own unwillingness, letters that come from the bank); 1.00 / 1.00 when written
    "tuning_l26": (0.95, 0.95),
    # session 30 (L28): frames that survive the recogniser ("down as payable" said of anyone, a remedy that "doesn't
    # come into it", "not something that's possible", "afraid not", "a no-go for us", "not something I'm able to"
    # after any negation, "you're the one <damaging it>") and look-alikes (money payable to the customer, nothing off
    # the table, a bare promise hedged with what will be done, a promise held until someone has seen it); 1.00 / 1.00
    "tuning_l28": (0.95, 0.95),
    # session 30 (L29): calm-downs as tiny.en hears them ("your self" written in two, "lower you voice", "come yourself
    # down", "no needs to", "no need getting all angry", "a hand along your head") and goodbyes heard as homophones
    # ("by by now", "cherry oh", "take hair", "I'm a lovely day") with look-alikes ("come yourself to collect it",
    # "I'll pop by", "the chairs", "it's a lovely day for it"); 1.00 / 1.00 when written
    "tuning_l29": (0.95, 0.95),
    # session 31 (L30): wording no family held ("just isn't an option for us", "you've overfilled it, that's why the
    # seal blew", "the dent's from you reversing", "the restocking charge still applies", "I've got nothing to do with
    # billing", "per our policy, we don't ...", "it's the maker you need, we just sell them", "we do not reschedule",
    # "a flat no", "not bound by what he said", "they don't deal with complaints"), a "not" lost after "I'm afraid /
    # sadly" ("I'm afraid we can move the date"), and look-alikes ("wouldn't change
    # a thing", "unable to find the booking under that name", "doing nothing isn't an option", a free call-out that
    # still stands, "I'm afraid I can see a crack"); 1.00 / 1.00 when written
    "tuning_l30": (0.95, 0.95),
    # session 32 (C2): the calm-down family and goodbyes in idioms no family held (the talk's temperature lowered, "no
    # point you getting in a flap", "moderate / rein in your emotions", "take am easy", "sakin ol", "stai tranquillo",
    # "all of a fluster", "off at the deep end", "overwrought"; "kwaheri", "Allah hafiz", "good day to you", "peace
    # out", "Friday it is then"; list AC's missed classes: "have kittens", "spitting feathers", "steady the buns")
    # and look-alikes ("the Calm Down Weekend", someone else's "relax", "a state of", "wound up with", "cool down the
    # laser", "without further adieu", "peace of mind"); 1.00 / 1.00, goodbyes 1.00, mid-call 0 when written
    "tuning_c2": (0.95, 0.95),
    # session 32 (L31): refusals, policy, blame and deflection in fresh words ("zero chance of", "that's never gonna
    # happen", "slim to none", "the policy clearly states", "procedure says we have to", "no exceptions", "house rule
    # is no", "down to the <thing> you're using", "your landscaper's doing", "your own fault for", "are the
    # instructor's call", "one for the mill, not us") and look-alikes (reassurance, a rule quoted in the customer's
    # favour, what the customer says they were told); 1.00 / 1.00 when written
    "tuning_l31": (0.95, 0.95),
    # session 33 (C3): accented calm-downs folded to plain letters ("cálmate", "tranquilícese", "restez calme", "ganz
    # ruhig"), list AD's calm-down classes and goodbyes ("take it handy", "doei", "annyeonghi gyeseyo", Māori
    # farewells), "she'll be right" as a wrap-up; look-alikes ("Hotel Tranquilo", a product called "Deep Relax",
    # "room to breathe", "that's all it says"); 1.00 / 1.00, goodbyes 1.00, mid-call 0 when written
    "tuning_c3": (0.95, 0.95),
    # session 33 (L32): a refusal because an arrangement is fixed with someone else ("locked in", "set in stone"),
    # Scots and clipped refusals ("we'll no be", "nae happening", "off the menu", "no possible to"), policy ("no
    # discretion", "house rules", "written into the terms you agreed", "billed in full"), blame as a cause in fresh
    # shapes, deflections ("try the council, they deal with that"), and look-alikes (a rate kept for the customer,
    # a locked door, "I don't know" before the agent's own question); 1.00 / 1.00 when written
    "tuning_l32": (0.95, 0.95),
    # session 34 (L33): a flat no that answers a fear the customer just voiced is reassurance, not a refusal; flat
    # no's in idioms ("not a runner", "a big fat no on", "that door is closed"), blame told as a cause ("that's
    # what happens when ...", "left out in the rain, which is why"), policy ("bound by the contract you signed",
    # "so the charge applies") and look-alikes (a flat no asked about, the card number hidden for safety);
    # 1.00 / 1.00 when written
    "tuning_l33": (0.95, 0.95),
    # session 34 (C4): calm-downs down a number scale, frustration let go, "back it down a notch", "no call to",
    # transliterated calm-downs; goodbyes with a term of address or praise after them, casual and regional
    # goodbyes; look-alikes (someone else who will say it, a breath held for a procedure, places named with a calm
    # word); 1.00 / 1.00, goodbyes 1.00, mid-call 0 when written
    "tuning_c4": (0.95, 0.95),
    # session 35 (L34): blame told as a cause read from its shape (damage + a reason link + what the customer's side
    # did), verbs that refuse by themselves with the agent's side or a rule as subject, "never in a month of
    # Sundays", "tough luck", "should of"; look-alikes (a harm denied after a flat no, a cost kept off the customer,
    # "won't be a problem", "can't do enough", "God forbid", a declined card); 1.00 / 1.00 when written
    "tuning_l34": (0.95, 0.95),
    # session 35 (C5): the calm-down family as shapes over word families (a request frame + a soothing verb and the
    # customer's feeling, voice or body; a heated-state word told off; the feeling stopped, braked or dialled
    # down), learner English, "steady the buffs"; look-alikes (the agent's own offer to ease a worry, things that
    # settle or unwind, relaxing as leisure); 1.00 / 1.00, goodbyes 1.00, mid-call 0 when written
    "tuning_c5": (0.95, 0.95),
    # session 36 (L35): refusals and blame over open slots (an agent's action refused as an -ing subject, "not an
    # option", responsibility denied by the agent's side, the customer's omission or tampering as the cause, an
    # outcome denied to "you", a rule named as the reason for a loss, "had you ... it would have"); look-alikes (the
    # customer's omission said with understanding, "you didn't cancel it, we did", a rule whose work the agent's side
    # takes on); 1.00 / 1.00 when written
    "tuning_l35": (0.95, 0.95),
    # session 36 (C6): the temper idioms as a grammar under every telling-off frame (slot calm_fit: blow a gasket,
    # fly off the handle, lose the plot ...), "settle" with a word of address, steam or a storm let out, "less X and
    # more Y", regional goodbyes, "have yourself a ... day"; look-alikes (aftercare advice, a blown fuse, a
    # garment's fit, spare keys, the agent's own apology); 1.00 / 1.00, goodbyes 1.00, mid-call 0 when written
    "tuning_c6": (0.95, 0.95),
    # helper L36 (session 37): a refusal in any verb after the agent's side and a negated ability or will, a request
    # "passed on" or "a hard pass", a flat "negative on" / "no way" refusal, the customer sent to a third party ("take
    # it up with them"), a rule stated as what it "is", dialect negations ("ain't finna", "no fit"); look-alikes
    # (feeling and praise after a negation, a harm kept off the customer after "won't", the alternative offered in the
    # same sentence); 1.00 / 1.00 when written
    "tuning_l36": (0.95, 0.95),
    # helper C7 (session 37): a soothing word said twice, anger as speed eased off, "your inside voice", regional
    # intensifiers before the heated state, "all in a <anything>", worked / wound into a state, "go full <anything> on
    # me"; sign-offs as a turn's last words; look-alikes (a repeat that acknowledges, driving instructions, relax of a
    # place or a strap, quoting others); 1.00 / 1.00, goodbyes 1.00, mid-call 0 when written
    "tuning_c7": (0.95, 0.95),
    # helper L37 (session 38): a closed door ("that / it" + a negation + any verb ending the sentence), "not my / our"
    # + an area of responsibility, a cleft blaming the customer's side, a fault denied as the product's, a rule said
    # to be itself; a refusal said as a noun, someone's "no" in any language, blame turned back, a passive refusal,
    # a ban on what was asked; look-alikes (offers, permissions, the firm owning a fault); 1.00 / 1.00 when written
    "tuning_l37": (0.95, 0.95),
    # helper C8 (session 38): a wrap-up frame and a short sign-off of any words ending the turn; a thing "in a
    # twist / tangle / knot" after a telling-off frame, a loud noise told to stop, a tantrum's gesture told off, the
    # brakes put on a person; look-alikes (driving, weather, a start signal, cables in a tangle); goodbyes (road
    # wishes, "see ya" and anything after, "later days") and mid-call lines with their words; 1.00 / 1.00, goodbyes
    # 1.00, mid-call 0 when written
    "tuning_c8": (0.95, 0.95),
    # helper L38 (session 39): a request named as the subject of a closed door ("... ain't gonna happen", "... just
    # isn't on", "... isn't how we roll"), "that's what happens when you", "you'll get the same answer", blame on
    # whoever fitted it or on an unnamed "someone" who is the customer, "had you ..., you'd have ...", "so that's
    # that" after a refusal, "one for them", blame put on the customer's side and off the product; look-alikes;
    # 1.00 / 1.00 when written
    "tuning_l38": (0.95, 0.95),
    # helper L39's positive-language classes (session 40), grown to 20 / 21 lines by helper L40 (session 41): a blame
    # before a "yes"-expecting tag, "no" + a word + the refused thing, "return" refused by the agent or in the
    # passive, "..., period", "forfeited / withheld", "no override", a limit of nature or material that refuses
    # nothing (quiet); 1.00 / 1.00 when written
    "tuning_l39": (0.95, 0.95),
    # helper C11's calm-down and closing classes (session 41): register and dialect imperatives of composure, images
    # of losing it, calm-down heard garbled ("calm dine"); look-alikes; goodbyes heard garbled; 0.95 / 1.00 calm-down
    # (21/22), goodbyes 20/20, mid-call 0/20 when written
    "tuning_c11": (0.9, 0.95),
    # helper L47 (session 48): responsibility put on a third party as an explanation, no blame word in it ("it comes
    # down to the students", "that's really their department", "that sits with the organisers", "in the courier's
    # hands", "they look after that, we just ..."); look-alikes (the agent's own side, a choice or a thing it comes
    # down to, a parcel's status, a date that falls on a day, the agent's errand); 37/38, quiet 0/38 when written
    "tuning_l47": (0.95, 0.95),
    # helper L48 (session 49): what survives the recogniser of a hand-off or a blame: the errand before "not ours"
    # ("... semester chase, not ours"), "that's your <any word or two> doing" ("that's your because doing");
    # look-alikes (the agent's own errand, "ours to fix, not yours", the customer's side or a device doing something)
    "tuning_l48": (0.95, 0.95),
}  # (recall, precision) per kind
PARTS = tuple(FLOORS)
CONFIG = load_language_config()
"""The product's language settings (``phrases.toml`` with ``default_config.toml``'s ``[language]`` over it: the
calm-down head as ``coach analyze`` runs it), parsed once (frozen): each line still gets a fresh
``LanguageCoach(CONFIG)``, a call of its own; parsing the TOML again for each of the file's thousands of coaches was
most of its time."""


EMBEDDINGS_KEPT = 100_000
"""How many texts' MiniLM embeddings the process's embedder keeps while this file runs (the product keeps
:data:`coach.classify.minilm.CACHE_TEXTS`, 64): the committed-words replay and the goodbye tests push lines the
recall test already pushed, and an embedding is a function of its text alone (one text a run), so they read the
recall test's instead of running the model again (~6 ms a text): the whole file ran the model on 7,132 texts, now
4,991, -12 CPU-s (docs/benchmarks.md, "Test suite time (session 49, T8)"). ~10 MB while the file runs; emptied
after."""


@pytest.fixture(autouse=True, scope="module")
def _embeddings_kept_for_the_file():
    """:data:`EMBEDDINGS_KEPT` for this file's tests; afterwards the embedder's cache is emptied, so the next
    file sees it as a fresh process's, of the product's size."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(minilm, "CACHE_TEXTS", EMBEDDINGS_KEPT)
        yield
    minilm.get_embedder().forget()


def wording_list(part: str) -> dict:
    """The tables of one wording list, ``tests/data/language_wording/<part>.toml``, parsed."""
    return tomllib.loads((DATA / f"{part}.toml").read_text("utf-8"))


@functools.cache
def lines(part: str) -> tuple[tuple[str, str], ...]:
    """``(section, line)`` pairs of one list; section is a kind or ``quiet``. Read once a process (the lists do not
    change while the tests run): the collection's :func:`has_section` and the file's tests asked for each list's
    lines about ten times, each a parse of its TOML (~3 ms a list)."""
    return tuple((section, line) for section, table in wording_list(part).items() for line in table["lines"])


def kinds_fired(text: str) -> frozenset[str]:
    """The kinds an agent final ``text`` is nudged for by a fresh coach (a call of its own). Remembered per text
    (:data:`_FIRED`): the committed-words replay compares each of its lines with the recall test's reading of the
    same line instead of pushing the final once more (a deterministic function of the text; ~2,900 finals, about
    8 % of the replay's CPU: docs/benchmarks.md, "Test time, session 41")."""
    found = _FIRED.get(text)
    if found is None:
        found = _FIRED[text] = frozenset(n.kind for n in LanguageCoach(CONFIG).push(final("agent", text, 1.0)))
    return found


_FIRED: dict[str, frozenset[str]] = {}


def scores(part: str) -> dict[str, tuple[float, float]]:
    """Per kind: (recall, precision) over the list's lines (a line of another section that fires
    the kind is a false positive); a kind the list has no section for is left out (the refusal lists)."""
    fired = [(section, kinds_fired(text)) for section, text in lines(part)]
    out = {}
    for kind in KINDS:
        tp = sum(1 for s, f in fired if s == kind and kind in f)
        fn = sum(1 for s, f in fired if s == kind and kind not in f)
        fp = sum(1 for s, f in fired if s != kind and kind in f)
        if tp + fn:
            out[kind] = (tp / (tp + fn), tp / (tp + fp) if tp + fp else 0.0)
    return out


def has_section(part: str, section: str) -> bool:
    """Whether the list has lines under ``section`` (read when the tests are collected: every xdist
    worker collects every file, so scoring the lines there, as the parametrization once did, cost
    each worker ~3 s of CPU and the running one scored them twice)."""
    return any(s == section for s, _ in lines(part))


def closing_fired(text: str) -> bool:
    """Whether the agent's ``text``, said after the customer has spoken and with no "anything
    else?" before it, gets check_anything_else."""
    coach = LanguageCoach(CONFIG)
    out = coach.push(final("customer", "Okay, I see what you mean.", 1.0))
    out += coach.push(final("agent", text, 5.0))
    return "check_anything_else" in {n.kind for n in out}


def closing_recall(part: str) -> float | None:
    """Share of the list's [closing] lines that get check_anything_else (None: the list has none)."""
    goodbyes = [text for section, text in lines(part) if section == "closing"]
    return sum(map(closing_fired, goodbyes)) / len(goodbyes) if goodbyes else None


def closing_false(part: str) -> float | None:
    """Share of the list's [not_closing] lines (said mid-call) that wrongly get check_anything_else
    (None: the list has none)."""
    others = [text for section, text in lines(part) if section == "not_closing"]
    return sum(map(closing_fired, others)) / len(others) if others else None


def test_the_lists_are_big_enough_and_do_not_overlap():
    seen: set[str] = set()
    for part in PARTS:
        texts = {t for _, t in lines(part)}
        assert not texts & seen, part
        seen |= texts
        # A list written for one rule's classes may leave the other kind out, but every list has at least one
        # kind and its look-alikes, twenty lines or more of each.
        kinds = [kind for kind in KINDS if kind in wording_list(part)]
        assert kinds, part
        for section in (*kinds, "quiet"):
            assert sum(1 for s, _ in lines(part) if s == section) >= 20, (part, section)


@pytest.mark.parametrize("part", PARTS)
def test_recall_and_precision_stay_above_their_floors(part):
    min_recall, min_precision = FLOORS[part]
    for kind, (recall, precision) in scores(part).items():
        assert recall >= min_recall, (part, kind, recall)
        assert precision >= min_precision, (part, kind, precision)


# goodbyes' recall when first scored: 0.83, 0.86, 0.82, 0.77, 0.86, 0.68, 0.82, 0.86 (AO), 0.82 (AR) (lists AF:
# 1.00, AG: 0.95, AJ: 0.95, AL: 0.91, AM: 0.91, AN: 0.91, AP: 0.95, AQ: 0.95, AS: 1.00, AT:
# 1.00, AU: 0.95, AV: 0.95, AW: 0.95, AX: 1.00, AY: 1.00, AZ: 1.00, BA: 1.00, BB: 0.95, BC: 0.92, so 0.9); else 0.9
CLOSING_FLOORS = {
    "held_out_e": 0.8,
    "held_out_ab": 0.85,
    "held_out_ad": 0.8,
    "held_out_ae": 0.75,
    "held_out_ah": 0.8,
    "held_out_ai": 0.65,
    "held_out_ak": 0.8,
    "held_out_ao": 0.85,
    "held_out_ar": 0.8,
}


@pytest.mark.parametrize("part", [p for p in PARTS if has_section(p, "closing")])
def test_goodbyes_without_anything_else_are_caught(part):
    assert closing_recall(part) >= CLOSING_FLOORS.get(part, 0.9), part


@pytest.mark.parametrize("part", [p for p in PARTS if has_section(p, "not_closing")])
def test_mid_call_lines_are_not_goodbyes(part):
    assert closing_false(part) <= CLOSING_FALSE_CEILINGS.get(part, 0.0), part


# share of mid-call lines taken for a goodbye (0 on every list but held_out_f: 0.4 when first scored,
# goodbye words opening an ordinary sentence: "All the best deals are...", "See you later in the month...";
# held_out_k: 1 of 15 when first scored, a thanks before the next item; held_out_n: 1 of 18, the same;
# held_out_ad: 1 of 22, "right, so that's the first bit done" before the next item; held_out_ap: 1 of 22,
# a stall named "Adieu Fabrics")
CLOSING_FALSE_CEILINGS: dict[str, float] = {
    "held_out_f": 0.4,
    "held_out_g": 0.125,
    "held_out_k": 0.07,
    "held_out_n": 0.06,
    "held_out_q": 0.05,
    "held_out_ad": 0.05,
    "held_out_ae": 0.05,
    "held_out_af": 0.05,
    "held_out_ag": 0.05,
    "held_out_ah": 0.05,
    "held_out_ai": 0.05,
    "held_out_ap": 0.05,
}


@pytest.mark.parametrize(
    "text",
    [
        "Oh no, that's awful.",
        "No trouble at all.",
        "I can't believe that happened to you.",
        "Oh no, I am so sorry.",
        "No problem.",
        "Not a problem at all.",
        "No worries.",
    ],
)
def test_empathy_with_negative_looking_words_is_not_flagged(text):
    assert kinds_fired(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "It shows as cancelled, but you didn't cancel it.",  # siding with the customer, not blame
        "You didn't need to call back.",
        "Don't worry, we don't do anything with it until you say so.",
        "You shouldn't have had to chase this.",
        # issue 9, round 5: "can" heard as "can't" before a clause, praise, the "anything else?" question
        "I can't see you've got two accounts with us, so I'll merge them.",
        "I can't recommend the annual plan enough.",
        "Anything else I can't, sorry, I can do for you?",
        "You should have received a text with the code.",
        "It's up to you which day suits you best.",
        "I can't promise exactly what time the van will come, but it'll be Friday.",  # a hedge about timing
    ],
)
def test_reassurance_about_what_the_customer_did_is_not_blame(text):
    assert kinds_fired(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Relax.",
        "Take it easy.",
        "Don't get worked up.",
        "Calm down please.",
        "There's no need to shout.",
        "Sir, you need to come down.",  # tiny.en's hearing of "calm down"
        "Don't panic.",
        "No need to stress yourself.",
        "Try not to get yourself in a state.",
        "Stop panicking.",
        "Don't take that tone with me.",
        # issue 9, round 5: the family by grammar, in words of no call
        "Simmer down, sir.",
        "You're overreacting a little bit here.",
        "Now don't you go getting all het up.",
        "There's no need to be like that, madam.",
        "You're being far too sensitive about it.",
        "Getting angry at me won't make the van come faster.",
        "Get a hold of yourself, please.",
    ],
)
def test_the_calm_down_family_is_flagged(text):
    assert kinds_fired(text) == {"avoid_calm_down"}


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("That's not something we handle.", "not_our_job"),
        ("There's nothing I can do.", "nothing_we_can_do"),
        ("We won't be able to do that.", "cant_do"),
        ("We don't deal with insurance claims.", "not_our_job"),
        ("I have no way of knowing that.", "dont_know"),
        ("That's against our policy.", "policy"),
        ("We don't do early check-ins on Saturdays.", "not_our_job"),
        ("It's not our policy to do that.", "policy"),
        ("You should have returned it sooner.", "blame"),
        ("You didn't read the email.", "blame"),
        ("That's your responsibility.", "blame"),
        # issue 9, round 5: duties, "should've", policy as a fact of life
        ("Returning the van clean is the hirer's responsibility.", "blame"),
        ("You ought to have photographed the scratches.", "blame"),
        ("You forgot to send the form back.", "blame"),
        ("Once it's yearly it stays yearly.", "policy"),
        ("There's no going back now, I'm afraid.", "policy"),
        ("Rules are rules, sir.", "policy"),
    ],
)
def test_refusals_in_other_words_get_a_rephrase(text, family):
    [n] = LanguageCoach(CONFIG).push(final("agent", text, 1.0))
    assert n.kind == "positive_language" and n.evidence["family"] == family
    assert n.evidence["rephrase"] and n.evidence["why"] and n.evidence["rephrase"] != n.text


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # session 14 (L6): the recogniser's forms of a refusal: a negation whose "t" it dropped, "are not" for "aren't"
        ("Nope, hire cars aren part of your policy.", {"positive_language"}),
        ("Sorry, windscreens are not part of the basic cover.", {"positive_language"}),
        ("The call-out fee comes out regardless.", {"positive_language"}),
        ("Getting so stressed is not going to help anyone.", {"avoid_calm_down"}),
        # ... and its "can't" for "can" after what is out of stock: "but" turns the limit into an offer
        ("Those trainers are sold out in store, but we can't order a pair in from the warehouse.", set()),
        ("The lilies are out of season just now but I can't wait to show you the peonies.", set()),
        # look-alikes: good news in the same words
        ("No, that's all part of your plan, nothing to pay.", set()),
        ("You'd pay nothing either way, so don't worry.", set()),
    ],
)
def test_recogniser_forms_and_look_alikes(text, kinds):
    assert kinds_fired(text) & set(KINDS) == kinds


def word_by_word(text: str) -> list[dict]:
    """The partials a recogniser committing one more word each time would send, then the final."""
    end = final("agent", text, 1.0)
    partials = [
        dict(end, final=False, stable=k, end=end["words"][k - 1]["end"]) for k in range(1, len(end["words"]) + 1)
    ]
    return [*partials, end]


REPLAYED_IN_FULL = ("tuning", "tuning_l4")
"""Lists replayed word by word line for line: the first tuning list and session 13's, written to widen the grammar."""
REPLAY_STRIDE = 4
"""Of the other lists, the lines whose CRC-32 is 0 modulo this are replayed (about a quarter, the same lines on
every run and machine): the word-by-word replay matches every prefix again, ~0.1 s of CPU per line, and all
lists in full were ~170 s of the suite's wall time (docs/benchmarks.md, "Test suite under 10 minutes")."""


def replayed_lines(part: str) -> list[str]:
    """The lines of ``part`` the committed-words test replays: all of them, or the fixed CRC-32 sample."""
    texts = [text for _, text in lines(part)]
    if part in REPLAYED_IN_FULL:
        return texts
    return [text for text in texts if zlib.crc32(text.encode("utf-8")) % REPLAY_STRIDE == 0]


def test_the_replay_sample_takes_every_list_and_about_a_quarter_of_each():
    for part in PARTS:
        n, k = len(lines(part)), len(replayed_lines(part))
        assert k == n if part in REPLAYED_IN_FULL else 0.1 * n <= k <= 0.4 * n, (part, k, n)


@pytest.mark.parametrize("part", PARTS)
def test_committed_words_give_the_same_nudges_as_the_final_and_none_is_withdrawn(part):
    for text in replayed_lines(part):
        coach = LanguageCoach(CONFIG)
        out = [x for event in word_by_word(text) for x in coach.push(event)]
        assert not [x for x in out if isinstance(x, Withdrawal)], text
        assert sorted(n.kind for n in out) == sorted(kinds_fired(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "I put it out the night before.",  # "night night" would count as "night" (a word said twice counts once)
        "Is your trip booked?",
        "The price has come down since then.",
        "Good night deliveries cost a little more.",
        "Until next time you ring, the note stays on the account.",
    ],
)
def test_ordinary_lines_are_not_goodbyes(text):
    assert not closing_fired(text)


def _closes(events: list[dict], until: float) -> list[str]:
    """check_anything_else nudges from ``events`` fed in order (each at its ``at``), the clock
    ticked every 0.5 s until ``until`` (s), as the pipeline does."""
    coach = LanguageCoach(CONFIG)
    out = []
    pending = sorted(events, key=lambda e: e["at"])
    for step in range(int(until * 2) + 1):
        now = step / 2
        while pending and pending[0]["at"] <= now:
            out += coach.push(pending.pop(0))
        out += coach.tick(seconds_to_samples(now))
    return [n.kind for n in out if n.kind == "check_anything_else"]


def test_an_agent_reply_in_progress_holds_the_customers_close_until_its_final():
    # a close needs the agent's reply to the customer first (their opening turn's goodbye is none)
    call = [final("customer", "Could you check my refund?", 1.0), final("agent", "Yes, it went out today.", 4.0)]
    thanks = final("customer", "Great, thanks for your help.", 10.0)  # ends 12.0 s
    reply = final("agent", "You're welcome. Is there anything else I can do for you today?", 12.5, utt="agent-2")
    first = dict(reply, final=False, stable=2, at=13.8)  # "You're welcome." committed, ask not yet
    late = dict(reply, at=18.0)  # the final comes 6 s after the customer's close: past wait_s
    assert _closes([*call, thanks, first, late], until=25.0) == []
    # with no reply at all the close is nudged once wait_s has passed
    assert _closes([*call, thanks], until=16.0) == ["check_anything_else"]
    # a reply that does not ask is nudged at its final
    plain = final("agent", "You're welcome, the refund is on its way.", 12.5, utt="agent-2")
    events = [*call, thanks, dict(plain, final=False, stable=2, at=13.8), plain]
    assert _closes(events, until=25.0) == ["check_anything_else"]


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        ("Right, you're all set, cheers.", True),
        ("You're all set up for the new tariff, and next I need your meter reading.", False),
        ("Okay. That's you done.", True),
        ("That's you done with the first form, now the second one.", False),
    ],
)
def test_a_wrap_up_line_closes_only_when_it_ends_the_agents_turn(text, closes):
    assert closing_fired(text) is closes
