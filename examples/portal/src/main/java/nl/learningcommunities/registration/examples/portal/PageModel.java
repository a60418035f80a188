package nl.learningcommunities.registration.examples.portal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What every page's frame needs: the links that show this page in the other language. */
@ControllerAdvice(assignableTypes = {PublicPages.class, ManagePages.class, OrganiserPages.class,
        EventEditorPages.class, EventLifecyclePages.class, MyRegistrationsPages.class, GroupRegistrationPages.class})
final class PageModel {

    @ModelAttribute("languageLinks")
    LanguageLinks languageLinks(HttpServletRequest request) {
        return new LanguageLinks(link(request, "nl"), link(request, "en"));
    }

    private static String link(HttpServletRequest request, String language) {
        return ServletUriComponentsBuilder.fromRequest(request).replaceQueryParam("lang", language)
                .scheme(null).host(null).port(null).build().toUriString();
    }

    /**
     * @param dutch   this page in Dutch
     * @param english this page in English
     */
    record LanguageLinks(String dutch, String english) {
    }
}
