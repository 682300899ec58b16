package dev.bigocean.web;

import jakarta.ws.rs.Priorities;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /api/admin/*} answers 404 {@code NotFound} on the public port unless {@code bigocean.admin.public-port}
 * ({@code ADMIN_ON_PUBLIC_PORT}) allows it: off in the {@code prod} profile, where operators enable it only while they
 * need it (the internal secret is still required).
 */
class AdminPortGuard {

    private final boolean allowed;

    AdminPortGuard(WebConfig.Admin config) {
        this.allowed = config.publicPort();
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    void refuse(HttpServerRequest request) {
        String path = request.path();
        if (!allowed && path != null && (path.startsWith("/api/admin/") || path.equals("/api/admin"))) {
            throw ApiException.notFound(path);
        }
    }
}
