package dev.bigocean.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import io.vertx.ext.web.Router;

/**
 * The headers that make browsers treat this service's responses strictly. Every response of the public port's router
 * says {@code X-Content-Type-Options: nosniff} (set first of all, so refusals carry it too), so a body is only ever read
 * as the type it is sent with. The HTML pages (the web client, the profile pages) also get a content security policy:
 * scripts, styles, images and API calls from this origin only (images also as {@code data:} URLs, such as the pages'
 * icon), nothing inline (no script, {@code <style>} or {@code style} attribute in the markup; scripts may still set an
 * element's style), no plugins, no {@code <base>}, forms posting here only; and
 * they may not be framed by another site ({@code frame-ancestors 'none'}, and {@code X-Frame-Options: DENY} for older
 * browsers), since the web client signs in and erases accounts. {@code Referrer-Policy: strict-origin-when-cross-origin}
 * (browsers' default, stated) keeps a profile's address out of the requests its page makes to other sites.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            rc.response().putHeader("X-Content-Type-Options", "nosniff");
            rc.next();
        });
    }

    /** An HTML page's response with the page headers above. */
    public static Response.ResponseBuilder page(Response.ResponseBuilder page) {
        return page.header("Content-Security-Policy", CONTENT_SECURITY_POLICY).header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "strict-origin-when-cross-origin");
    }
}
