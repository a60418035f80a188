package nl.learningcommunities.registration.examples.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import nl.learningcommunities.registration.rule.Messages;
import nl.learningcommunities.registration.rule.Reason;

/**
 * The answer to what Tomcat refuses before the portal sees it, an address it cannot decode or normalise (an
 * encoded slash, NUL or backslash, a bad escape, bad UTF-8): problem details for the API and a small page in the
 * portal's words otherwise, with the security headers {@link PortalErrors} gives, instead of Tomcat's own report
 * without them. It takes the place of the host's error report valve; what reaches the portal goes to
 * {@link PortalErrors}.
 */
final class ContainerErrors extends ErrorReportValve {

    private static final JacksonJsonHttpMessageConverter JSON = new JacksonJsonHttpMessageConverter();

    /** Makes this the host's error report valve, in place of Tomcat's (and Spring Boot's instance of it). */
    @Component
    static final class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Host host = (Host) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                if (host instanceof StandardHost standard) {
                    standard.setErrorReportValveClass(ContainerErrors.class.getName());
                }
                host.getPipeline().addValve(new ContainerErrors());
            });
        }

        /** After Spring Boot's own customizer, whose valve this one replaces. */
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        if (status == null || status.value() < 400 || response.getContentWritten() > 0
                || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        // As the portal's locale resolver: Dutch unless the client asks for English.
        Locale locale = request.getHeader("Accept-Language") == null ? Messages.DUTCH
                : Messages.supported(request.getLocale());
        String code = PortalErrors.code(null, status);
        try {
            if (PortalErrors.wantsProblem(request, request.getRequestURI())) {
                PortalErrors.API_HEADERS.forEach(writer -> writer.writeHeaders(request, response));
                ProblemDetail problem = ApiProblems.problem(status, List.of(Reason.of(code)), locale).getBody();
                problem.setInstance(PortalErrors.instance(request.getRequestURI()));
                ServletServerHttpResponse out = new ServletServerHttpResponse(response);
                JSON.write(problem, MediaType.APPLICATION_PROBLEM_JSON, out);
                out.flush();
            } else {
                PortalErrors.PAGE_HEADERS.forEach(writer -> writer.writeHeaders(request, response));
                response.setContentType(MediaType.TEXT_HTML_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getOutputStream().write(page(status, locale).getBytes(StandardCharsets.UTF_8));
            }
            response.finishResponse();
        } catch (IOException | RuntimeException e) {
            // The client is gone, or the response can take no more: nothing left to tell anyone.
        }
    }

    /** The error page's frame and words, without the template engine the portal's pages have. */
    private static String page(HttpStatus status, Locale locale) {
        String title = text("error.title", locale);
        return "<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + " – "
                + text("site.name", locale) + "</title><link rel=\"stylesheet\" href=\"/css/portal.css\"></head>"
                + "<body><main id=\"main\"><h1>" + title + "</h1><p>"
                + text(status.is4xxClientError() ? "error.4xx.text" : "error.text", locale) + "</p><p><a href=\"/\">"
                + text("nav.all-events", locale) + "</a></p></main></body></html>";
    }

    private static String text(String key, Locale locale) {
        return HtmlUtils.htmlEscape(PortalMessages.text(key, locale, key));
    }
}
