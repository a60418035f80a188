package nl.learningcommunities.registration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * A participant registers for the demo programme's broad meeting through the real form in headless Chromium,
 * takes the personal link from the e-mail the portal sent to an SMTP server, and cancels; an organiser logs in
 * and finds the registration. axe-core checks every page for serious and critical WCAG violations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-browser;DB_CLOSE_DELAY=-1",
        "registration.admin.username=organisator",
        "registration.admin.password=browser-wachtwoord",
        "registration.mail.smtp.host=127.0.0.1",
        "registration.mail.smtp.starttls=false",
        "registration.mail.interval=200ms"})
class BrowserTest {

    private static final String BROAD = "brede-bijeenkomst-2027-06-09";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("registration.mail.smtp.port", () -> smtp.getSmtp().getPort());
    }

    @LocalServerPort
    int port;

    private WebDriver browser;

    @BeforeAll
    static void needsChromium() {
        Chromium.requireInstalled();
    }

    @BeforeEach
    void startBrowser(@TempDir Path profile) {
        browser = Chromium.start(profile);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void a_participant_registers_in_the_browser_and_cancels_from_the_emailed_link() throws Exception {
        open("/?lang=nl");
        accessible("event list");
        follow(By.linkText("Learning Communities in hbo en mbo: online brede bijeenkomst"));
        accessible("event page");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("online brede bijeenkomst");
        follow(By.linkText("Aanmelden"));
        accessible("registration form");

        follow(By.cssSelector("button[type=submit]"));
        accessible("registration form with errors");
        WebElement summary = browser.findElement(By.id("error-summary"));
        assertThat(summary.getAttribute("role")).isEqualTo("alert");
        assertThat(summary.findElement(By.cssSelector("a[href='#givenName']")).getText())
                .isEqualTo("Voornaam: dit veld is verplicht.");
        assertThat(browser.findElement(By.id("givenName")).getAttribute("aria-describedby")).isEqualTo("givenName-error");

        type("givenName", "Anna");
        type("familyName", "de Vries");
        type("email", "anna.devries@hu.example.org");
        type("organisation", "Hogeschool Utrecht");
        new Select(browser.findElement(By.id("role"))).selectByValue("projectleider");
        new Select(browser.findElement(By.id("sector"))).selectByValue("hbo");
        browser.findElement(By.id("answer-board-representative-no")).click();
        type("invitationCode", "LC-BREED-2027");
        browser.findElement(By.id("privacyConsent")).click();
        follow(By.cssSelector("button[type=submit]"));

        accessible("result page");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Je bent aangemeld");

        MimeMessage confirmation = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> messageTo("anna.devries@hu.example.org"), m -> m != null);
        assertThat(hasPart(confirmation, "text/calendar")).isTrue();
        String manageLink = manageLink(text(confirmation));
        assertThat(manageLink).startsWith("http://localhost:" + port + "/registrations/");

        browser.get(manageLink);
        accessible("manage page");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Bevestigd");
        follow(By.id("cancel"));
        accessible("manage page after cancelling");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Geannuleerd");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("Je aanmelding is geannuleerd.");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length >= 2);
    }

    @Test
    void the_pages_speak_english_by_choice_and_an_organiser_finds_registrations_after_logging_in() {
        open("/?lang=en");
        accessible("event list in English");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Meetings");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        open("/?lang=nl");

        open("/organiser");
        accessible("login page");
        assertThat(browser.getCurrentUrl()).endsWith("/organiser/login");
        type("username", "organisator");
        type("password", "fout");
        follow(By.cssSelector("button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                .isEqualTo("De gebruikersnaam of het wachtwoord klopt niet.");
        type("username", "organisator");
        type("password", "browser-wachtwoord");
        follow(By.cssSelector("button[type=submit]"));
        loggedIn();
        accessible("organiser's events");
        follow(By.linkText("Learning Communities in hbo en mbo: online brede bijeenkomst"));
        accessible("organiser's registrations");
        assertThat(browser.findElement(By.tagName("caption")).getText())
                .matches("Geen aanmeldingen|1 aanmelding|\\d+ aanmeldingen");
        follow(By.linkText("Mislukte berichten"));
        accessible("failed messages");
    }

    @Test
    void an_organiser_checks_a_participant_in_and_opens_the_history_message_and_cancel_pages() {
        Map<String, Object> bart = ApiContract.registrant("Bart");
        bart.put("answers", Map.of("board-representative", false));
        bart.put("invitationCode", "LC-BREED-2027");
        Api.Response registered = Api.at(port).post("/api/events/" + BROAD + "/registrations", bart);
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);

        lifecycleLogIn();
        accessible("organiser's events with their actions");
        follow(By.cssSelector("a[href='/organiser/events/" + BROAD + "/checkin']"));
        accessible("check-in list");
        type("q", "bart");
        follow(By.cssSelector("form[role=search] button[type=submit]"));
        // A click does not wait for the page it opens: wait for the search's own page.
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> driver.getCurrentUrl().contains("q=bart"));
        follow(By.cssSelector("button[aria-label='Aanwezig: Bart Jansen']"));
        accessible("check-in list after checking in");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("Bart Jansen is aanwezig gemeld.");
        assertThat(browser.findElement(By.id("q")).getAttribute("value")).isEqualTo("bart");
        assertThat(browser.findElements(By.cssSelector("button[aria-label='Ongedaan maken: Bart Jansen']"))).hasSize(1);

        open("/organiser/events/" + BROAD + "/history");
        accessible("history");
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Geschiedenis");

        open("/organiser/events/" + BROAD + "/message");
        accessible("message form");
        follow(By.id("message-preview"));
        accessible("message form with errors");
        assertThat(browser.findElement(By.id("error-summary")).getAttribute("role")).isEqualTo("alert");
        assertThat(browser.findElement(By.id("subjectNl")).getAttribute("aria-describedby")).isEqualTo("subjectNl-error");
        type("subjectNl", "Praktische informatie");
        type("bodyNl", "Beste deelnemers,\nDe zaal is verplaatst.");
        type("subjectEn", "Practical information");
        type("bodyEn", "Dear participants,\nThe room has moved.");
        follow(By.id("message-preview"));
        accessible("message preview");
        assertThat(browser.findElement(By.id("recipients")).getText()).startsWith("Dit bericht gaat naar");

        open("/organiser/events/" + BROAD + "/cancel");
        accessible("cancel page");
        type("reason", "Alleen een proef");
        type("confirm", "niet-deze-bijeenkomst");
        follow(By.id("cancel-event"));
        accessible("cancel page with errors");
        assertThat(browser.findElement(By.id("confirm")).getAttribute("aria-describedby")).isEqualTo("confirm-error");
        assertThat(browser.findElement(By.id("cancel-event")).isDisplayed()).isTrue();
    }

    @Test
    void a_form_with_several_mistakes_shows_them_all_at_once_and_the_consent_keeps_its_row() {
        open("/events/" + BROAD + "/register?lang=nl");
        type("email", "eva.bakker@hu.example.org");
        follow(By.cssSelector("main button[type=submit]"));
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(
                org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id("error-summary")));
        accessible("registration form with every mistake at once");

        List<String> summary = browser.findElements(By.cssSelector("#error-summary a")).stream()
                .map(WebElement::getText).toList();
        assertThat(summary).contains("Voornaam: dit veld is verplicht.",
                "Neem je deel als bestuurlijk vertegenwoordiger? Dit veld is verplicht.",
                "Uitnodigingscode: deze bijeenkomst is alleen op uitnodiging.");
        WebElement error = browser.findElement(By.id("privacyConsent-error"));
        WebElement checkbox = browser.findElement(By.id("privacyConsent"));
        WebElement label = browser.findElement(By.cssSelector("label[for=privacyConsent]"));
        assertThat(error.getRect().getY() + error.getRect().getHeight())
                .as("the consent's error stands above the checkbox").isLessThanOrEqualTo(checkbox.getRect().getY());
        assertThat(label.getRect().getX()).as("the consent's text stands beside its checkbox")
                .isGreaterThan(checkbox.getRect().getX() + checkbox.getRect().getWidth() - 1);
        assertThat(Math.abs(label.getRect().getY() - checkbox.getRect().getY()))
                .as("the checkbox and its text start on the same line").isLessThan(10);
    }

    @Test
    void an_organisers_table_uses_the_page_width_and_a_destructive_action_asks_first() {
        Map<String, Object> femke = ApiContract.registrant("Femke");
        femke.put("familyName", "van der Heijden-Oosterhout");
        femke.put("answers", Map.of("board-representative", false));
        femke.put("invitationCode", "LC-BREED-2027");
        Api.Response registered = Api.at(port).post("/api/events/" + BROAD + "/registrations", femke);
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);

        lifecycleLogIn();
        open("/organiser/events/" + BROAD);
        accessible("organiser's registrations with actions");
        WebElement table = browser.findElement(By.cssSelector("main table"));
        assertThat(table.getRect().getWidth()).as("the table takes the wide page").isGreaterThan(1000);
        WebElement name = browser.findElements(By.cssSelector("main table tbody th[scope=row]")).stream()
                .filter(cell -> cell.getText().equals("Femke van der Heijden-Oosterhout")).findFirst().orElseThrow();
        Number lines = (Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const range = document.createRange(); range.selectNodeContents(arguments[0]);"
                        + " return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;",
                name);
        assertThat(lines.intValue()).as("the name stays on one line").isEqualTo(1);

        WebElement cancel = browser.findElement(By.cssSelector(
                "a.danger[aria-label='Annuleren: Femke van der Heijden-Oosterhout']"));
        assertThat(cancel.getCssValue("background-color")).as("a destructive action is red")
                .isEqualTo("rgba(164, 0, 15, 1)");
        follow(cancel);
        headingIs("Aanmelding van Femke van der Heijden-Oosterhout annuleren");
        accessible("confirmation of a cancellation");
        follow(By.linkText("Terug: niets doen"));
        headingIs("Learning Communities in hbo en mbo: online brede bijeenkomst");
        assertThat(browser.findElement(By.cssSelector("a.danger[aria-label='Annuleren: Femke van der Heijden-Oosterhout']"))
                .isDisplayed()).isTrue();
    }

    /** Chooses Dutch (the cookie the language switch sets), opens the organiser pages and logs in. */
    private void lifecycleLogIn() {
        open("/?lang=nl");
        open("/organiser");
        type("username", "organisator");
        type("password", "browser-wachtwoord");
        follow(By.cssSelector("button[type=submit]"));
        loggedIn();
    }

    @Test
    void an_organiser_creates_a_meeting_in_the_editor_and_a_participant_registers_for_it() {
        String day = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).plusDays(60).toString();
        editorLogIn();
        open("/organiser/events/new");
        accessible("event editor");
        follow(By.cssSelector("button[name=action][value=save]"));
        accessible("event editor with errors");
        assertThat(browser.findElement(By.id("error-summary")).getAttribute("role")).isEqualTo("alert");
        assertThat(browser.findElement(By.id("title-nl")).getAttribute("aria-describedby")).isEqualTo("title-nl-error");

        type("id", "browser-bijeenkomst");
        type("title-nl", "Bijeenkomst uit de editor");
        type("title-en", "Meeting from the editor");
        type("description-nl", "Gemaakt in de browser.");
        type("contact-name", "Melina Groen");
        type("contact-organisation", "MBO Raad");
        type("contact-email", "melina.groen@example.org");
        editorValue("startsAt-date", day);
        editorValue("startsAt-time", "14:00");
        editorValue("endsAt-date", day);
        editorValue("endsAt-time", "16:30");
        follow(By.cssSelector("button[value=add-session]"));
        type("session-0-title-nl", "Ronde 1");
        editorValue("session-0-startsAt-date", day);
        editorValue("session-0-startsAt-time", "14:30");
        editorValue("session-0-endsAt-date", day);
        editorValue("session-0-endsAt-time", "15:30");
        follow(By.cssSelector("button[value='add-condition:sector']"));
        accessible("event editor with a session and a condition");
        type("condition-0-values", "mbo, hbo");
        follow(By.cssSelector("button[name=action][value=save]"));

        // A click does not wait for the page it opens.
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> driver.getCurrentUrl().endsWith("/organiser/events/browser-bijeenkomst"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("De bijeenkomst is aangemaakt.");
        open("/organiser/events/browser-bijeenkomst/edit");
        accessible("event editor of a saved meeting");
        open("/organiser/events/browser-bijeenkomst/copy");
        accessible("copy page");
        follow(By.cssSelector("main button[type=submit]"));
        accessible("copy page with errors");
        assertThat(browser.findElement(By.id("newId")).getAttribute("aria-describedby")).isEqualTo("newId-hint newId-error");

        open("/events/browser-bijeenkomst/register");
        type("givenName", "Chris");
        type("familyName", "Peeters");
        type("email", "chris.peeters@hu.example.org");
        type("organisation", "Hogeschool Utrecht");
        new Select(browser.findElement(By.id("role"))).selectByValue("docent");
        new Select(browser.findElement(By.id("sector"))).selectByValue("hbo");
        browser.findElement(By.id("session-ronde-1")).click();
        browser.findElement(By.id("privacyConsent")).click();
        follow(By.cssSelector("main button[type=submit]"));
        headingIs("Je bent aangemeld");
    }

    /** Logs in as the organiser, in Dutch. */
    private void editorLogIn() {
        open("/?lang=nl");
        open("/organiser");
        type("username", "organisator");
        type("password", "browser-wachtwoord");
        follow(By.cssSelector("button[type=submit]"));
        loggedIn();
    }

    /** Sets a date or time input as its picker would: typing into one depends on the browser's language. */
    private void editorValue(String id, String value) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id(id)), value);
    }

    /** Waits until the page a click opened shows this heading: a click does not wait for the next page. */
    /** Waits until the login's redirect has landed, so the next address is not opened before the session knows us. */
    private void loggedIn() {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> !driver.getCurrentUrl().contains("/organiser/login"));
    }

    private void headingIs(String text) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.WebDriverException.class).until(
                org.openqa.selenium.support.ui.ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    /** Clicks what opens another page, and waits until the browser has left this one: a click does not wait. */
    private void follow(By target) {
        follow(browser.findElement(target));
    }

    private void follow(WebElement target) {
        org.openqa.selenium.JavascriptExecutor script = (org.openqa.selenium.JavascriptExecutor) browser;
        script.executeScript("window.__leaving = true;");
        target.click();
        // The next page's window has no mark; while the browser is between pages, asking may fail: ask again.
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(driver -> Boolean.TRUE.equals(script.executeScript(
                        "return document.readyState === 'complete' && window.__leaving === undefined;")));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void accessible(String page) {
        Chromium.assertAccessible(browser, page);
    }

    private MimeMessage messageTo(String address) throws MessagingException {
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().contains(address)) {
                return message;
            }
        }
        return null;
    }

    private static String manageLink(String text) {
        Matcher matcher = Pattern.compile("http://localhost:\\d+/registrations/[0-9a-f-]{36}\\?token=[A-Za-z0-9_%-]+")
                .matcher(text);
        assertThat(matcher.find()).as("a personal link in:%n%s", text).isTrue();
        return matcher.group();
    }

    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i)));
            }
            return text.toString();
        }
        return "";
    }

    private static boolean hasPart(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return true;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (hasPart(child, mimeType)) {
                    return true;
                }
            }
        }
        return false;
    }
}
