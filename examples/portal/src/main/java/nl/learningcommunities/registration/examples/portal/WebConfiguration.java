package nl.learningcommunities.registration.examples.portal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import nl.learningcommunities.registration.rule.Messages;

/** Dutch by default; English by choice ({@code ?lang=en}, remembered in a cookie) or by {@code Accept-Language}. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private static final List<Locale> SUPPORTED = List.of(Messages.DUTCH, Messages.ENGLISH);

    private final String errorPath;

    WebConfiguration(@Value("${server.error.path:/error}") String errorPath) {
        this.errorPath = errorPath;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(request -> {
            String header = request.getHeader("Accept-Language");
            if (header == null || header.isBlank()) {
                return Messages.DUTCH;
            }
            try {
                Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                return match == null ? Messages.DUTCH : match;
            } catch (IllegalArgumentException e) {
                return Messages.DUTCH;
            }
        });
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        // The error page asks for no parameter: a refused request may have a body Tomcat would not parse, and asking
        // again would fail the error page too. A ?lang= the handler's dispatch saw still holds on the error page.
        registry.addInterceptor(change).excludePathPatterns(errorPath);
    }
}
