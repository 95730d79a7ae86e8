"""A mediator's whole case in the browser, with no `shuttle` command after `serve` (but for
making the mediator's account once, as the README says): sign in, open a talk whose agenda comes
from an uploaded scenario, invite two delegates by link and one by mail, add a co-mediator who
chooses a password, replace a lost link, and run the talk to a signed agreement. At every step
each room names exactly who reads it; the finished talk offers no form the rules would refuse.
Screenshots of each room at each stage are saved as artifacts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from shuttle.documents import check_document
from tests.engine.formats.genius_files import DOMAIN, profile
from tests.engine.formats.test_upload import in_folder, zipped
from tests.mailbox import Server as MailServer
from tests.mailbox import link_in, serving
from tests.web.browser.people import WAIT_MS
from tests.web.running import Server, running_server, shuttle

MEDIATOR, PASSWORD = "Oman", "a long mediator passphrase"
CO_MEDIATOR, CO_PASSWORD = "Qatar", "another long passphrase"
US, IRAN = "United States", "Iran"
US_ENVOY, IRAN_HEAD, IRAN_DEPUTY = "US Envoy", "عباس عراقچی", "Deputy FM"


@pytest.fixture(scope="module")
def mail() -> Iterator[MailServer]:
    with serving() as server:
        yield server


@pytest.fixture(scope="module")
def server(mail: MailServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("whole-case")
    db = f"sqlite:///{workdir / 'shuttle.db'}"
    smtp = f"smtp://127.0.0.1:{mail.port}?from=invitations@shuttle.example"
    with running_server(db, workdir, "--smtp", smtp) as running:
        shuttle("user", "add", MEDIATOR, db=db, stdin=PASSWORD + "\n")  # the one command
        yield running


class Person:
    def __init__(self, browser: Browser, name: str) -> None:
        self.name = name
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(WAIT_MS)
        self.page: Page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("pageerror", lambda error: self.problems.append(str(error)))

    def shot(self, artifacts: Path, stage: str) -> None:
        slug = "".join(c for c in self.name.lower() if c.isascii() and c.isalnum()) or "iran"
        path = artifacts / f"case-{stage}-{slug}.png"
        self.page.screenshot(path=str(path), full_page=True, caret="initial")

    def enter(self, url: str) -> None:
        """Open an invite link: a page that spends nothing, then its button."""
        self.page.goto(url)
        button = self.page.get_by_role("button", name="Enter the talk")
        expect(button).to_be_visible()
        button.click()
        self.page.wait_for_url("**/talks/*")


def made_link(mediator: Page, name: str, email: str | None = None) -> str:
    row = mediator.locator("tr", has=mediator.locator(f"th bdi:text-is('{name}')"))
    if email is not None:
        row.locator("input[name=email]").fill(email)
    row.get_by_role("button", name="Make a new link").click()
    field = mediator.locator("#made-url")
    expect(field).to_be_visible()
    return field.input_value()


def readers(person: Person) -> str:
    return person.page.locator("#room-readers").inner_text()


def sign(person: Person) -> None:
    """Read the agreed text, confirm the statement of intent, sign: without the box ticked
    the browser does not even send the form."""
    page = person.page
    expect(page.locator("#agreement-region ul.terms li")).to_have_count(2)
    button = page.locator("#sign button[type=submit]")
    button.click()
    expect(page.locator("#sign-intent:invalid")).to_have_count(1)  # the browser says why
    label = page.locator("#sign-intent-label")
    expect(label).to_contain_text(f"I, {person.name}, sign this agreement electronically")
    page.check("#sign-intent")
    with page.expect_response(lambda r: r.url.endswith("/sign")) as signed:
        button.click()
    assert signed.value.ok, signed.value.status


def draft_printed(person: Person, printable: str, artifacts: Path) -> None:
    page = person.page
    page.goto(printable)
    page.emulate_media(media="print")
    expect(page.locator(".document-mark")).to_have_text("DRAFT AGREEMENT")
    expect(page.locator(".document-mark")).to_be_visible()
    page.screenshot(path=str(artifacts / "agreement-draft-print.png"), caret="initial")
    page.emulate_media(media="screen")


def take_the_agreement_away(person: Person, room: str, artifacts: Path, tmp: Path) -> None:
    """The signed agreement as a printable page, as a PDF from its button, and the PDF checked
    offline and on the check page, where anyone may upload it."""
    page = person.page
    page.goto(room)
    region = page.locator("#agreement-region")
    expect(region.locator("ul.signatures")).to_contain_text(f"signed by {US_ENVOY} on")
    region.get_by_role("link", name="Printable agreement", exact=True).click()
    page.wait_for_url("**/agreement")
    expect(page.locator("h1#document-title")).to_have_text("Muscat round — مسقط")
    expect(page.locator(".document-mark")).to_have_count(0)  # signed by every party
    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator(".print-help")).to_be_hidden()
    page.screenshot(path=str(artifacts / "agreement-print.png"), full_page=True, caret="initial")
    page.emulate_media(media="screen")
    page.goto(room)
    with page.expect_download() as downloading:
        region.get_by_role("link", name="Agreement (PDF)", exact=True).click()
    saved = tmp / downloading.value.suggested_filename
    downloading.value.save_as(saved)
    assert saved.suffix == ".pdf"
    checked = check_document(saved.read_bytes())
    assert checked.export is not None and checked.export.kind.value == "agreement"
    assert checked.proof.participant == person.name
    page.goto(room.split("/talks/")[0] + "/check")
    page.set_input_files("#check-document", str(saved))
    page.get_by_role("button", name="Check it").click()
    verdict = page.locator("#verdict")
    expect(verdict).to_contain_text("This document matches this server's record of talk")
    expect(verdict).to_contain_text("The record has not moved on since.")
    person.shot(artifacts, "5-checked")


def test_a_whole_case_in_the_browser(
    browser: Browser, server: Server, mail: MailServer, artifacts: Path, tmp_path: Path
) -> None:
    oman = Person(browser, MEDIATOR)
    page = oman.page
    page.goto(f"{server.url}/")
    page.fill("#login-user", MEDIATOR)
    page.fill("#login-password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("You mediate no talk yet")).to_be_visible()

    # Opening a talk: a delegate of a party that is not there is named beside its field, and
    # nothing is created.
    scenario = tmp_path / "colors.zip"
    files = {"domain.xml": DOMAIN, "buyer.xml": profile(), "seller.xml": profile(red="3")}
    scenario.write_bytes(zipped(in_folder("colors", files)))
    page.get_by_role("link", name="Open a new talk").click()
    page.fill("#title", "Muscat round — مسقط")
    page.fill("#parties", f"{US}\n{IRAN}")
    page.fill("#delegates", f"{US}: {US_ENVOY}\n{IRAN}: {IRAN_HEAD}\nAtlantis: Nobody")
    page.set_input_files("#scenario", str(scenario))
    page.get_by_role("button", name="Open the talk").click()
    expect(page.locator("#delegates-error")).to_contain_text("Atlantis")
    oman.shot(artifacts, "0-opening-error")
    page.fill("#delegates", f"{US}: {US_ENVOY}\n{IRAN}: {IRAN_HEAD}\n{IRAN}: {IRAN_DEPUTY}")
    page.set_input_files("#scenario", str(scenario))
    page.get_by_role("button", name="Open the talk").click()
    page.wait_for_url("**/people?opened=1")
    talk = page.url.split("/talks/")[1].split("/")[0]

    # Links: the US envoy's first link is lost and replaced; Iran's head gets one by hand,
    # its deputy one by mail; the co-mediator is added and chooses a password.
    lost = made_link(page, US_ENVOY)
    us_link = made_link(page, US_ENVOY)
    iran_link = made_link(page, IRAN_HEAD)
    mailed = made_link(page, IRAN_DEPUTY, email="deputy@iran.example")
    [received] = mail.inbox.mails
    assert received.recipients == ["deputy@iran.example"]
    assert link_in(received.message) == mailed
    page.fill("#add-name", CO_MEDIATOR)
    page.check("input[name=role][value=mediator]")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(f"{CO_MEDIATOR} was added")
    qatar_link = made_link(page, CO_MEDIATOR)
    expect(page.locator(".made-link h2")).to_contain_text("choose a password")
    oman.shot(artifacts, "1-people")

    us, iran, deputy, qatar = (
        Person(browser, n) for n in (US_ENVOY, IRAN_HEAD, IRAN_DEPUTY, CO_MEDIATOR)
    )
    us.page.goto(lost)
    expect(us.page.get_by_text("This link no longer works")).to_be_visible()
    expect(us.page.get_by_text("Ask your mediator for a new link")).to_be_visible()
    us.enter(us_link)
    iran.enter(iran_link)
    deputy.enter(link_in(received.message))
    qatar.page.goto(qatar_link)
    qatar.page.fill("#new-password", CO_PASSWORD)
    qatar.page.fill("#new-password-again", CO_PASSWORD)
    qatar.page.get_by_role("button", name="Save my password and enter").click()
    qatar.page.wait_for_url(f"**/talks/{talk}")
    # An opened link taken back in the browser that used it goes to the room.
    us.page.goto(us_link)
    us.page.wait_for_url(f"**/talks/{talk}")

    for person in (us, iran, deputy):
        text = readers(person)
        for name in (MEDIATOR, CO_MEDIATOR):
            assert name in text, (person.name, text)
        other = (IRAN_HEAD, IRAN_DEPUTY) if person is us else (US_ENVOY,)
        assert not any(n in text for n in other), (person.name, text)
    assert IRAN_DEPUTY in readers(iran) and IRAN_HEAD in readers(deputy)
    for person in (oman, us, iran, deputy, qatar):
        person.page.goto(f"{server.url}/talks/{talk}")
        person.shot(artifacts, "2-entered")

    # The talk runs: a draft from the uploaded agenda, both parties accept and sign.
    page.goto(f"{server.url}/talks/{talk}")
    page.select_option("#draft-term-0", "red")
    page.select_option("#draft-term-1", "1")
    page.click("#draft button[value=draft]")
    for person in (us, iran):
        person.page.reload()
        person.page.check("#answer-accept")
        with person.page.expect_response(lambda r: r.url.endswith("/answer")) as answered:
            person.page.click("#answer button[type=submit]")
        assert answered.value.ok, answered.value.status
    for person in (us, iran):
        person.page.reload()
        sign(person)
        if person is us:  # half signed: the printable agreement is a draft, and says so
            draft_printed(us, f"{server.url}/talks/{talk}/agreement", artifacts)
            us.page.goto(f"{server.url}/talks/{talk}")
    for person in (oman, us, iran, deputy, qatar):
        person.page.reload()
        expect(person.page.get_by_text("Signed by every party").first).to_be_visible()
        # Nothing is offered that the rules would refuse now.
        for form in ("#answer", "#sign", "#draft", "#offer", "#profile", "#close"):
            assert person.page.locator(form).count() == 0, (person.name, form)
        person.shot(artifacts, "3-signed")
    # The mediators' home lists the case as signed, with nothing awaiting.
    page.goto(f"{server.url}/")
    expect(page.locator("td.status-signed")).to_have_text("Signed by every party")
    oman.shot(artifacts, "4-home")
    take_the_agreement_away(iran, f"{server.url}/talks/{talk}", artifacts, tmp_path)
    for person in (oman, us, iran, deputy, qatar):
        assert not person.problems, (person.name, person.problems)
        person.context.close()
    assert httpx.get(f"{server.url}/api/health").status_code == 200
