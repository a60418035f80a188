package nl.learningcommunities.registration.examples.portal;

import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.ADAM;
import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.ADMIN_GROUP;
import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.ANNA;
import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.BRAM;
import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.COORDINATOR_GROUP;
import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.OLGA;
import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.ORGANISER_GROUP;
import static nl.learningcommunities.registration.examples.idp.TestIdentityProvider.WEB_CLIENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import nl.learningcommunities.registration.examples.idp.IdpUser;
import nl.learningcommunities.registration.examples.idp.TestIdentityProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Intranet sign-on end to end, in Debian's Chromium against a real OpenID Connect provider (Spring Authorization
 * Server, in-process, with users, groups and claims as a SURFconext tenant issues them): people log in at the
 * provider's own login page, the portal receives their claims through the authorization code flow with PKCE, and
 * nothing in between is mocked. axe-core checks each of the new pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registration.datasource.url=jdbc:h2:mem:portal-sign-on-browser;DB_CLOSE_DELAY=-1",
        "registration.events.location=target/test-classes/test-events",
        "registration.limits.registrations-per-minute=100000",
        "registration.mail.interval=1h",
        "registration.mail.directory=target/test-mail-sign-on",
        "registration.identity.admin-group=" + ADMIN_GROUP,
        "registration.identity.organiser-group=" + ORGANISER_GROUP,
        "registration.identity.coordinator-group=" + COORDINATOR_GROUP,
        "registration.identity.roles.faculty=docent",
        "registration.identity.roles.staff=overig",
        "registration.identity.sectors[hu.nl]=hbo",
        "registration.identity.sectors[rocva.nl]=mbo",
        "registration.identity.sectors[sia.example.org]=hbo",
        "registration.identity.organisation-names[hu.nl]=Hogeschool Utrecht",
        "registration.identity.organisation-names[rocva.nl]=ROC van Amsterdam"})
class SignOnBrowserTest {


    static final TestIdentityProvider IDP = TestIdentityProvider.start();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        IDP.portalProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void stopProvider() {
        IDP.close();
    }

    @LocalServerPort
    int port;

    private WebDriver browser;
    private Api admin;

    @BeforeAll
    static void needsChromium() {
        Chromium.requireInstalled();
    }

    @BeforeEach
    void startBrowser(@TempDir Path profile) {
        IDP.allowRedirectUri(portal("/login/oauth2/code/" + IdentityProperties.REGISTRATION_ID));
        IDP.allowPostLogoutRedirectUri(portal("/?signedOut"));
        admin = Api.at(port).bearer(IDP.accessToken(WEB_CLIENT_ID, Map.of("email", ADAM.email(),
                "edumember_is_member_of", List.of(ADMIN_GROUP, ORGANISER_GROUP))));
        browser = Chromium.start(profile);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void a_participant_logs_in_registers_with_her_vouched_details_finds_it_under_mijn_aanmeldingen_and_logs_out() {
        String event = created("anna-vouched", 10, List.of());
        open("/events/" + event + "/register?lang=nl");
        browser.findElement(By.id("sign-in-to-register")).click();
        logInAtTheProvider(ANNA);
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("register-form")));
        assertThat(browser.getCurrentUrl()).isEqualTo(portal("/events/" + event + "/register"));
        accessible("registration form with vouched details");

        assertThat(value("givenName")).isEqualTo("Anna");
        assertThat(value("familyName")).isEqualTo("de Vries");
        assertThat(value("email")).isEqualTo(ANNA.email());
        assertThat(value("organisation")).isEqualTo("Hogeschool Utrecht");
        for (String vouched : List.of("givenName", "familyName", "email", "organisation", "role", "sector")) {
            assertThat(browser.findElement(By.id(vouched)).getAttribute("readonly")).as(vouched).isNotNull();
        }
        assertThat(browser.findElement(By.id("vouched-note")).getText()).isNotBlank();

        // A participant who edits the page to claim another address and role gets the vouched ones all the same.
        script("for (const id of ['email', 'role', 'organisation']) document.getElementById(id).removeAttribute('readonly');"
                + "document.getElementById('email').value = 'iemand.anders@example.org';"
                + "document.getElementById('role').value = 'bestuurder';"
                + "document.getElementById('organisation').value = 'Raad van Bestuur';");
        browser.findElement(By.id("privacyConsent")).click();
        browser.findElement(By.id("register-submit")).click();
        headingIs("Je bent aangemeld");

        JsonNode stored = only(admin.get("/api/admin/events/" + event + "/registrations").json());
        assertThat(stored.get("email").asString()).isEqualTo(ANNA.email());
        assertThat(stored.get("role").asString()).isEqualTo("docent");
        assertThat(stored.get("organisation").asString()).isEqualTo("Hogeschool Utrecht");
        assertThat(stored.get("status").asString()).isEqualTo("CONFIRMED");

        browser.findElement(By.id("my-registrations")).click();
        headingIs("Mijn aanmeldingen");
        accessible("Mijn aanmeldingen");
        WebElement mine = browser.findElement(By.cssSelector(
                "li.my-registration[data-registration-id='" + stored.get("registrationId").asString() + "']"));
        assertThat(mine.getAttribute("data-status")).isEqualTo("CONFIRMED");
        mine.findElement(By.cssSelector("button.manage-button")).click();
        headingIs("Je aanmelding");
        accessible("manage page opened from Mijn aanmeldingen");
        assertThat(browser.getCurrentUrl()).doesNotContain("token");

        browser.findElement(By.id("sign-out")).click();
        waitFor(driver -> driver.getCurrentUrl().equals(portal("/?signedOut")));
        assertThat(browser.findElements(By.id("sign-in"))).hasSize(1);
        // The provider's session ended too: Mijn aanmeldingen asks for the password again.
        open("/my-registrations");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id(TestIdentityProvider.LOGIN_PASSWORD_FIELD)));
        assertThat(browser.getCurrentUrl()).startsWith(IDP.issuer());
    }

    @Test
    void an_organiser_of_one_event_sees_only_that_event_and_gets_403_on_anothers_pages_csv_and_search() {
        String hers = created("olga-a", 10, List.of(OLGA.email()));
        String other = created("olga-b", 10, List.of());
        registered(other, "Gijsbrecht");

        open("/organiser?lang=nl");
        logInAtTheProvider(OLGA);
        waitFor(ExpectedConditions.presenceOfElementLocated(By.tagName("table")));
        accessible("organiser home of an event's organiser");
        String home = browser.getPageSource();
        assertThat(home).contains(hers).doesNotContain(other);

        open("/organiser/events/" + hers);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotEqualTo("Er ging iets mis");
        for (String path : List.of("/organiser/events/" + other, "/organiser/events/" + other + "?q=Gijsbrecht",
                "/organiser/events/" + other + "/registrations.csv", "/organiser/events/" + other + "/edit",
                "/organiser/events/" + other + "/history", "/organiser/events/new")) {
            open(path);
            assertThat(browser.findElement(By.tagName("main")).getText()).as(path).contains("Dit mag je niet doen.");
            assertThat(browser.getPageSource()).as(path).doesNotContain("Gijsbrecht");
        }
        accessible("403 page");
    }

    @Test
    void an_admin_creates_an_event_in_the_editor_naming_an_organiser_who_then_manages_it() {
        String day = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")).plusDays(60).toString();
        String id = "door-adam-" + RestartContract.unique();
        open("/organiser/events/new?lang=nl");
        logInAtTheProvider(ADAM);
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("organiserAccess-emails")));
        type("id", id);
        type("title-nl", "Bijeenkomst van Adam");
        type("title-en", "Adam's meeting");
        type("description-nl", "Gemaakt door een beheerder.");
        type("contact-name", "Adam Smit");
        type("contact-organisation", "Regieorgaan SIA");
        type("contact-email", ADAM.email());
        editorValue("startsAt-date", day);
        editorValue("startsAt-time", "14:00");
        editorValue("endsAt-date", day);
        editorValue("endsAt-time", "16:00");
        type("organiserAccess-emails", OLGA.email());
        accessible("event editor with organiser access");
        browser.findElement(By.cssSelector("button[name=action][value=save]")).click();

        waitFor(driver -> driver.getCurrentUrl().endsWith("/organiser/events/" + id));
        assertThat(browser.findElement(By.id("organiser-access")).getText()).contains(OLGA.email());
        assertThat(admin.get("/api/admin/events/" + id).json().get("event").get("organiserAccess").get("emails")
                .get(0).asString()).isEqualTo(OLGA.email());
        Api olga = Api.at(port).bearer(IDP.accessToken(WEB_CLIENT_ID, Map.of("email", OLGA.email(),
                "edumember_is_member_of", List.of(ORGANISER_GROUP))));
        assertThat(olga.get("/api/admin/events/" + id + "/registrations").status()).isEqualTo(200);
    }

    @Test
    void a_coordinator_registers_three_colleagues_where_two_seats_are_left_and_all_three_wait_together() {
        String event = created("groep", 2, List.of());
        open("/events/" + event + "?lang=nl");
        browser.findElement(By.id("sign-in-to-register")).click();
        logInAtTheProvider(BRAM);
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("group-register")));
        browser.findElement(By.id("group-register")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("group-form")));
        accessible("group registration form");

        List<String> colleagues = List.of("Daan", "Eva", "Femke");
        for (int row = 1; row <= colleagues.size(); row++) {
            String name = colleagues.get(row - 1);
            type("member-" + row + "-givenName", name);
            type("member-" + row + "-familyName", "de Groot");
            type("member-" + row + "-email", name.toLowerCase() + ".degroot@rocva.nl");
            new Select(browser.findElement(By.id("member-" + row + "-role"))).selectByValue("docent");
        }
        browser.findElement(By.id("privacyConsent")).click();
        browser.findElement(By.id("group-submit")).click();

        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("group-outcome")));
        accessible("group registration result");
        assertThat(browser.findElement(By.id("group-outcome")).getAttribute("data-status")).isEqualTo("WAITLISTED");
        List<WebElement> members = browser.findElements(By.cssSelector("#group-results li.group-member"));
        assertThat(members).hasSize(3).allSatisfy(member ->
                assertThat(member.getAttribute("data-status")).isEqualTo("WAITLISTED"));
        assertThat(admin.get("/api/admin/events/" + event + "/registrations").json().valueStream()
                .map(registration -> registration.get("status").asString()))
                .containsExactly("WAITLISTED", "WAITLISTED", "WAITLISTED");
    }

    @Test
    void a_cross_site_form_posting_to_the_admin_api_while_an_admin_is_logged_in_changes_nothing() throws IOException {
        String registration = registered("approval-meeting", "Hidde");
        open("/organiser?lang=nl");
        logInAtTheProvider(ADAM);
        waitFor(ExpectedConditions.presenceOfElementLocated(By.tagName("table")));

        String attack = "<!DOCTYPE html><html lang=en><title>Win a prize</title><body>"
                + "<form method=post enctype=text/plain action='" + portal("/api/admin/registrations/" + registration
                + "/approve") + "'><input name='{\"x\":\"' value='\"}'></form>"
                + "<script>document.forms[0].submit()</script></body></html>";
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        evil.createContext("/", exchange -> {
            byte[] body = attack.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        evil.start();
        try {
            browser.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
            waitFor(driver -> driver.getCurrentUrl().startsWith(portal("/api/admin/")));
            assertThat(browser.getPageSource()).contains("request.cross-site");
        } finally {
            evil.stop(0);
        }
        JsonNode stored = admin.get("/api/admin/events/approval-meeting/registrations").json().valueStream()
                .filter(each -> each.get("registrationId").asString().equals(registration)).findFirst().orElseThrow();
        assertThat(stored.get("status").asString()).isEqualTo("PENDING_APPROVAL");
    }

    /** At the provider's own login page, as the person would. */
    private void logInAtTheProvider(IdpUser person) {
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id(TestIdentityProvider.LOGIN_USERNAME_FIELD)));
        assertThat(browser.getCurrentUrl()).startsWith(IDP.issuer());
        type(TestIdentityProvider.LOGIN_USERNAME_FIELD, person.username());
        type(TestIdentityProvider.LOGIN_PASSWORD_FIELD, TestIdentityProvider.passwordOf(person.username()));
        browser.findElement(By.cssSelector(TestIdentityProvider.LOGIN_SUBMIT_SELECTOR)).click();
        waitFor(driver -> driver.getCurrentUrl().startsWith(portal("/")));
    }

    private String created(String prefix, int capacity, List<String> organisers) {
        String id = prefix + "-" + RestartContract.unique();
        ObjectNode event = (ObjectNode) admin.get("/api/admin/events/capacity-meeting").json().get("event");
        event.put("id", id);
        event.put("capacity", capacity);
        event.put("waitingList", true);
        event.remove("status");
        event.remove("cancellationReason");
        ObjectNode access = event.putObject("organiserAccess");
        organisers.forEach(access.putArray("emails")::add);
        Api.Response response = admin.post("/api/admin/events", event);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return id;
    }

    private String registered(String eventId, String name) {
        Api.Response response = Api.at(port).post("/api/events/" + eventId + "/registrations",
                ApiContract.registrant(name));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("registrationId").asString();
    }

    private static JsonNode only(JsonNode list) {
        assertThat(list.size()).isEqualTo(1);
        return list.get(0);
    }

    private String portal(String path) {
        return "http://localhost:" + port + path;
    }

    private void open(String path) {
        browser.get(portal(path));
    }

    private String value(String id) {
        return browser.findElement(By.id(id)).getAttribute("value");
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void script(String javascript) {
        ((JavascriptExecutor) browser).executeScript(javascript);
    }

    /** Sets a date or time input as its picker would. */
    private void editorValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id(id)), value);
    }

    private <T> void waitFor(java.util.function.Function<WebDriver, T> condition) {
        try {
            // While the browser is between pages, asking about the page may fail: ask again.
            new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.WebDriverException.class)
                    .until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Waited in vain at " + browser.getCurrentUrl() + ": "
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    private void headingIs(String text) {
        waitFor(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    private void accessible(String page) {
        Chromium.assertAccessible(browser, page);
    }
}
