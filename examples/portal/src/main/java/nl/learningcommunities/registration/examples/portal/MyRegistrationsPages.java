package nl.learningcommunities.registration.examples.portal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

import nl.learningcommunities.registration.RegistrationEngine;
import nl.learningcommunities.registration.participant.TrustedIdentity;

/**
 * "Mijn aanmeldingen": the signed-in person's registrations across events, each opened on its own page
 * ({@link ManagePages}) without the e-mailed link. Login is required ({@link SecurityConfiguration}); the list needs
 * the identity the institution vouches for, since the registrations are found by its address.
 */
@Controller
final class MyRegistrationsPages {

    private final RegistrationEngine engine;
    private final SignedIn signedIn;
    private final ManageAccess access;

    MyRegistrationsPages(RegistrationEngine engine, SignedIn signedIn, ManageAccess access) {
        this.engine = engine;
        this.signedIn = signedIn;
        this.access = access;
    }

    /**
     * The list, newest event first; or, when the institution did not pass every detail, a page that says which.
     */
    @GetMapping("/my-registrations")
    String mine(Model model, Locale locale) {
        Optional<Person> person = signedIn.current();
        Optional<TrustedIdentity> identity = person.flatMap(Person::identity);
        model.addAttribute("incomplete", identity.isEmpty());
        model.addAttribute("missing", person.map(p -> SignedInForm.labels(p.missing(), locale)).orElse(""));
        model.addAttribute("registrations", identity.map(engine.registrations()::registrationsOf).orElse(List.of()));
        return "my-registrations";
    }

    /**
     * Opens one of the person's registrations: a fresh personal-link token for them alone, remembered in the session
     * (never in an address) for the registration's page. Someone else's registration, or an unknown one, is a 404.
     */
    @PostMapping("/my-registrations/{registrationId}/open")
    String open(@PathVariable String registrationId, HttpSession session) {
        TrustedIdentity identity = signedIn.current().flatMap(Person::identity)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        UUID id = id(registrationId);
        String token = engine.registrations().openAsOwner(id, identity)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        access.remember(session, id, token);
        return "redirect:/registrations/" + id;
    }

    private static UUID id(String registrationId) {
        try {
            return UUID.fromString(registrationId);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
