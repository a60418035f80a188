package nl.learningcommunities.registration.examples.portal;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** Puts who is signed in on every page, for the header's "Inloggen", "Mijn aanmeldingen" and "Uitloggen". */
@ControllerAdvice(annotations = Controller.class)
final class SignInModel {

    private final SignedIn signedIn;

    SignInModel(SignedIn signedIn) {
        this.signedIn = signedIn;
    }

    /**
     * What the header shows.
     *
     * @param enabled  whether people sign in at an identity provider
     * @param person   who is signed in, if anyone
     * @param signIn   where signing in starts, coming back to this page afterwards
     * @param signOut  where a signed-in person logs out (a form posts there)
     */
    record View(boolean enabled, Optional<Person> person, String signIn, String signOut) {

        /** @return whether someone is signed in */
        public boolean signedIn() {
            return person.isPresent();
        }

        /** @return the signed-in person's name as the header shows it */
        public String name() {
            return person.map(p -> p.known().containsKey("givenName")
                    ? p.known().get("givenName") + " " + p.known().getOrDefault("familyName", "") : p.actor())
                    .map(String::strip).orElse("");
        }

        /** @return whether the signed-in person may open the organiser pages */
        public boolean organiser() {
            return person.filter(p -> p.roles().contains(Person.Role.ORGANISER) || p.admin()).isPresent();
        }

        /** @return whether the signed-in person may register colleagues as a group */
        public boolean coordinator() {
            return person.filter(p -> p.roles().contains(Person.Role.COORDINATOR)).isPresent();
        }

        /** @return whether the signed-in person is an administrator */
        public boolean admin() {
            return person.filter(Person::admin).isPresent();
        }
    }

    @ModelAttribute("signIn")
    View signIn(HttpServletRequest request) {
        boolean enabled = signedIn.signOnEnabled();
        String here = request.getRequestURI().substring(request.getContextPath().length());
        String signIn = "GET".equals(request.getMethod()) && SignInPages.isLocal(here)
                ? UriComponentsBuilder.fromPath(SignInPages.PATH).queryParam("return", here).build().encode()
                        .toUriString()
                : SignInPages.PATH;
        return new View(enabled, signedIn.current(), signIn, enabled ? "/logout" : "/organiser/logout");
    }
}
