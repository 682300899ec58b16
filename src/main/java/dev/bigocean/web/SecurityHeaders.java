package dev.bigocean.web;

import jakarta.ws.rs.core.Response;

/**
 * The headers of the HTML pages (the web client, the profile pages), which make browsers treat them strictly. (Every
 * response of the public port also says {@code X-Content-Type-Options: nosniff}: {@code quarkus.http.header} in
 * {@code application.properties}.) A content security policy allows scripts, styles, images and API calls from this
 * origin only (images also as {@code data:} URLs, such as the pages' icon), nothing inline (no script, {@code <style>}
 * or {@code style} attribute in the markup; scripts may still set an element's style), no plugins, no {@code <base>},
 * forms posting here only; and the pages may not be framed by another site ({@code frame-ancestors 'none'}, and
 * {@code X-Frame-Options: DENY} for older browsers), since the web client signs in and erases accounts.
 * {@code Referrer-Policy: strict-origin-when-cross-origin} (browsers' default, stated) keeps a profile's address out of
 * the requests its page makes to other sites.
 */
public final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** An HTML page's response with the page headers above. */
    public static Response.ResponseBuilder page(Response.ResponseBuilder page) {
        return page.header("Content-Security-Policy", CONTENT_SECURITY_POLICY).header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "strict-origin-when-cross-origin");
    }
}
