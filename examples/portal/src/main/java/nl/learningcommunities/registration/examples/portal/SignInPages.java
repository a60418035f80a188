package nl.learningcommunities.registration.examples.portal;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in from any page and coming back to it: {@code /signin?return=/events/x/register} needs a signed-in
 * person, so Spring Security remembers it and sends the visitor to the provider; back from there, it leads to the
 * page they came from (only a path of this portal, never another site). And where signing in ends when it did not
 * work: a page that says so, in the visitor's language.
 */
@Controller
final class SignInPages {

    /** Where the header's "Inloggen" leads. */
    static final String PATH = "/signin";

    @GetMapping(PATH)
    String signIn(@RequestParam(name = "return", required = false) String back) {
        return "redirect:" + (back != null && isLocal(back) ? back : "/");
    }

    @GetMapping("/signin-failed")
    String failed(HttpServletResponse response) {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        return "signin-failed";
    }

    /**
     * @param path a path a visitor asks to return to
     * @return whether it is a path of this portal: one slash first, no scheme, no backslash, no control characters
     */
    static boolean isLocal(String path) {
        return path.startsWith("/") && !path.startsWith("//") && path.indexOf('\\') < 0
                && path.length() <= 512 && path.codePoints().noneMatch(Character::isISOControl)
                && !path.startsWith(PATH) && !path.startsWith("/signin-failed") && !path.startsWith("/error");
    }
}
