"""`shuttle demo`: a short proximity exchange in the Muscat format, recorded for real.

The script goes through the same service, rules and record as any talk; the three rooms are
then printed side by side exactly as each participant's `view_of` shows them.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from rich.text import Text

from shuttle.cli.render import console, side_by_side
from shuttle.service import TalkService
from shuttle.talks import (
    JOINT_ROOM,
    Consent,
    Convey,
    Delegate,
    Handling,
    Mode,
    Note,
    OpenTalk,
    Say,
)

US, IRAN, OMAN = "United States", "Iran", "Oman"
US_ENVOY, IRAN_FM = "US Envoy", "Iranian FM"


def run_demo(service: TalkService, db: str) -> str:
    """Record the scripted exchange as a new talk, print the rooms, and return the talk id."""
    opened = service.open_talk(
        OpenTalk(
            title="Muscat proximity talks (demo)",
            parties=(US, IRAN),
            mediators=(OMAN,),
            delegates=(Delegate(US_ENVOY, US), Delegate(IRAN_FM, IRAN)),
        )
    )
    talk = opened.talk
    offer = service.execute(
        talk,
        Say(
            US_ENVOY,
            "We are ready to discuss limits on enrichment in exchange for sanctions relief.",
            handling=Handling.MAY_CONVEY,
        ),
    )
    service.execute(talk, Say(US_ENVOY, "Our real deadline is the end of the month."))
    service.execute(
        talk,
        Convey(
            OMAN,
            offer.events[-1].seq,
            IRAN,
            Mode.PARAPHRASE,
            "The Americans are open to a framework trading enrichment limits for relief.",
        ),
    )
    principle = service.execute(
        talk,
        Say(
            IRAN_FM,
            "Any agreement must respect our right to enrichment.",
            handling=Handling.VERBATIM_ONLY,
        ),
    )
    service.execute(talk, Convey(OMAN, principle.events[-1].seq, US, Mode.VERBATIM))
    service.execute(
        talk, Say(IRAN_FM, "We could accept stricter inspections if relief comes first.")
    )
    service.execute(talk, Note(OMAN, "Both have room on inspections; sequencing is the crux."))
    service.execute(talk, Consent(US_ENVOY))
    service.execute(talk, Consent(IRAN_FM))
    service.execute(talk, Say(OMAN, "Thank you both. We meet again next week.", room=JOINT_ROOM))

    views = [service.view(talk, name) for name in (US_ENVOY, OMAN, IRAN_FM)]
    titles = [f"{US_ENVOY} sees", f"{OMAN} (mediator) sees", f"{IRAN_FM} sees"]
    console.print(Text(f"Talk {talk} recorded in {db}", style="bold"))
    console.print(side_by_side(views, titles))
    report = service.verify({talk: views[0].head})
    console.print(
        Text(
            f"head {views[0].head} - chain verified: {'ok' if report.ok else 'FAILED'}",
        )
    )
    console.print(
        Text(
            "Mediator-only words never left their room; the mediator's note is in no party's "
            f"view.\nTry: {_command_name()} view {talk} --as {shlex.quote(US_ENVOY)} --db {db}",
            style="dim",
        )
    )
    return talk


def _command_name() -> str:
    """How this command was invoked (`.venv/bin/shuttle` under `make run`), for copy and paste."""
    invoked = sys.argv[0]
    return invoked if Path(invoked).name == "shuttle" else "shuttle"
