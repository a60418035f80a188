package nl.learningcommunities.registration.examples.portal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Puts who is signed in on every page, for the header's "Inloggen", "Mijn aanmeldingen" and "Uitloggen".
 *
 * <p>For the page controllers only, named here: {@code annotations = Controller.class} would take in the JSON API
 * too ({@code @RestController} is a {@code @Controller}), and every API call would then test that annotation and
 * build a model no one renders. At start-up, every controller of the portal that renders pages (a
 * {@code @Controller} without {@code @ResponseBody}) must be named, so that a new page cannot lose the header.
 */
@ControllerAdvice(assignableTypes = {PublicPages.class, ManagePages.class, OrganiserPages.class,
        EventEditorPages.class, EventLifecyclePages.class, MyRegistrationsPages.class, GroupRegistrationPages.class,
        SignInPages.class, PortalErrors.class})
final class SignInModel implements ApplicationListener<ContextRefreshedEvent> {

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

    /** Fails the start when a page controller of the portal is not named above: its pages would lack the header. */
    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        List<Class<?>> named = Arrays.asList(SignInModel.class.getAnnotation(ControllerAdvice.class).assignableTypes());
        List<String> missing = HandlerRoutes.handlerTypes(event.getApplicationContext()).orElse(List.of()).stream()
                .filter(type -> type.getPackageName().equals(SignInModel.class.getPackageName()))
                .filter(type -> AnnotatedElementUtils.hasAnnotation(type, Controller.class)
                        && !AnnotatedElementUtils.hasAnnotation(type, ResponseBody.class))
                .filter(type -> named.stream().noneMatch(n -> n.isAssignableFrom(type)))
                .map(Class::getSimpleName).distinct().sorted().toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Page controllers without the sign-in header; name them in SignInModel's"
                    + " @ControllerAdvice: " + missing);
        }
    }
}
