"""The demo's second track: while Oman shuttles between the American and Iranian rooms in
Muscat, the White House consults Saudi Arabia and Israel on related questions. The US
delegation's head takes part in both tracks, under the same name; nothing crosses between them
unless someone carries it, as its handling allows."""

from __future__ import annotations

from shuttle.service import Appended, TalkService
from shuttle.talks import Delegate, Handling, Mode, OpenTalk, StatementView
from shuttle.tracks import CarriedAcross, Process, carry_across, open_process, open_track

PROCESS_TITLE = "Muscat, spring round (illustrative)"
TITLE = "Consultation: the United States with Saudi Arabia and Israel"
CONVENER = "White House (convener)"
NOTICE = (
    "Illustrative: a consultation run beside the Muscat round, with invented participants; "
    "it describes no real talks."
)


def demo_process(service: TalkService) -> Process:
    return open_process(service, PROCESS_TITLE)


def open_consultation(service: TalkService, process: str, us_head: str) -> Appended:
    """The consultation track, in which `us_head` (the US head of delegation in Muscat) is the
    United States' delegate."""
    return open_track(
        service,
        OpenTalk(
            title=TITLE,
            parties=("United States", "Saudi Arabia", "Israel"),
            mediators=(CONVENER,),
            delegates=(
                Delegate(us_head, "United States"),
                Delegate("Saudi head of delegation", "Saudi Arabia"),
                Delegate("Israeli head of delegation", "Israel"),
            ),
            default_handling=Handling.MEDIATOR_ONLY,
            notice=NOTICE,
            process=process,
        ),
    )


def carry_first_words(
    service: TalkService, muscat: str, consultation: str, us_head: str
) -> CarriedAcross | None:
    """Carry, word for word, the first statement the US delegation's head made in Muscat that
    its handling lets travel, into the US room of the consultation; None if there is none."""
    view = service.view(muscat, us_head)
    first = next(
        (
            s
            for s in view.conversation
            if isinstance(s, StatementView)
            and s.by == us_head
            and s.handling is not Handling.MEDIATOR_ONLY
        ),
        None,
    )
    if first is None:
        return None
    return carry_across(
        service, muscat, us_head, first.seq, consultation, us_head, None, Mode.VERBATIM
    )
