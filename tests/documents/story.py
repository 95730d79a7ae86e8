"""A talk run to a signed agreement with a unique phrase planted in every room, note, comment,
profile and bound, and in every script a talk may use: the documents' tests search every
export of every participant for what it may not see."""

from __future__ import annotations

from dataclasses import dataclass, field

from shuttle.service import TalkService
from shuttle.talks import (
    JOINT_ROOM,
    Answer,
    Bid,
    Consent,
    Convey,
    Delegate,
    Draft,
    Handling,
    Mode,
    Note,
    OpenBid,
    OpenTalk,
    Release,
    ReportIncident,
    Say,
    Sign,
    SubmitProfile,
)

US, IRAN = "United States", "Iran"
MEDIATOR, US_ENVOY, IRAN_FM = "Oman", "US Envoy", "Iranian FM"
AGENDA = (("Enrichment", ("0", "3.67", "5", "20")), ("Sanctions", ("none", "partial", "full")))
TERMS = (("Enrichment", "3.67"), ("Sanctions", "partial"))
CLAUSE = "Inspectors return within 30 days — المفتشون يعودون خلال ثلاثين يوما"
TITLE = "Muscat round — گفتگوهای مسقط"


EVERYONE = frozenset({MEDIATOR, US_ENVOY, IRAN_FM})


@dataclass
class Story:
    """The talk, and who may read each planted phrase."""

    talk: str
    readers: dict[str, frozenset[str]] = field(default_factory=dict)

    def plant(self, phrase: str, *names: str) -> str:
        self.readers[phrase] = frozenset(names)
        return phrase


def tell(service: TalkService, signers: tuple[str, ...] = (US_ENVOY, IRAN_FM)) -> Story:
    talk = service.open_talk(
        OpenTalk(
            title=TITLE,
            parties=(US, IRAN),
            mediators=(MEDIATOR,),
            delegates=(Delegate(US_ENVOY, US), Delegate(IRAN_FM, IRAN)),
            agenda=AGENDA,
        )
    ).talk
    story = Story(talk)

    def say(who: str, text: str, handling: Handling) -> int:
        readers = (who, MEDIATOR)
        return service.execute(
            talk, Say(who, story.plant(text, *readers), handling=handling)
        ).first_seq

    first = say(US_ENVOY, "us-secret-Xq7 ninety days pause", Handling.MEDIATOR_ONLY)
    say(IRAN_FM, "iran-secret-Zk4 عدد سری ۷۷۳", Handling.MEDIATOR_ONLY)
    say(IRAN_FM, "iran-secret-Hb2 סוד עברי", Handling.MEDIATOR_ONLY)
    say(US_ENVOY, "us-secret-Ru9 Русский секрет 秘密 中文 비밀 गुप्त", Handling.MEDIATOR_ONLY)
    carried = say(US_ENVOY, "us-carried-Lm3 source words", Handling.MAY_CONVEY)
    # The source room sees what was carried of its words; the receiving room the words only.
    paraphrase = story.plant("paraphrase-Pp5 they have doubts", *EVERYONE)
    service.execute(talk, Convey(MEDIATOR, carried, IRAN, Mode.PARAPHRASE, paraphrase))
    service.execute(talk, Note(MEDIATOR, story.plant("note-Nt8 Oman's private doubt", MEDIATOR)))
    weights = (("Enrichment", 2.0), ("Sanctions", 1.0))
    values = tuple(
        (issue, option, round(1.0 - 0.2 * i, 2))
        for issue, options in AGENDA
        for i, option in enumerate(options)
    )
    # Unshared, a profile is its party's alone; shared, the mediator reads it too.
    story.plant("0.7319425", US_ENVOY)
    service.execute(talk, SubmitProfile(US_ENVOY, weights, values, 0.7319425))
    story.plant("0.4123719", IRAN_FM, MEDIATOR)
    service.execute(talk, SubmitProfile(IRAN_FM, weights, values, 0.4123719, True))
    service.execute(talk, OpenBid(MEDIATOR, "Enrichment", high=IRAN, low=US))
    service.execute(talk, Bid(US_ENVOY, float(story.plant("7.1382194", US_ENVOY))))
    service.execute(talk, Release(US_ENVOY, first, Handling.MAY_CONVEY))
    incident = story.plant("incident-In1 a tanker was stopped", *EVERYONE)
    service.execute(talk, ReportIncident(MEDIATOR, incident, 0.05))
    for name in (US_ENVOY, IRAN_FM):
        service.execute(talk, Consent(name))
    joint = story.plant("joint-Jt2 שלום سلام hello", *EVERYONE)
    service.execute(talk, Say(IRAN_FM, joint, room=JOINT_ROOM))
    service.execute(talk, Draft(MEDIATOR, TERMS, (CLAUSE,)))
    comment = story.plant("comment-Cm6 we can live with this", US_ENVOY, MEDIATOR)
    service.execute(talk, Answer(US_ENVOY, True, 1, comment=comment))
    service.execute(talk, Answer(IRAN_FM, True, 1))
    for name in signers:
        service.execute(talk, Sign(name, intent=True))
    return story
