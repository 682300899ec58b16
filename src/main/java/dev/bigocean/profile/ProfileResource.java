package dev.bigocean.profile;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bigocean.identity.CurrentUser;
import dev.bigocean.profile.api.ProfileView;
import dev.bigocean.profile.api.ShareRequest;
import dev.bigocean.profile.api.ShareResponse;
import dev.bigocean.profile.api.VisibilityResponse;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.Ids;
import dev.bigocean.web.JsonBody;
import io.smallrye.mutiny.Uni;

@Path("/api/profile")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    private final ProfileService service;
    private final JsonBody json;
    private final CurrentUser currentUser;

    ProfileResource(ProfileService service, JsonBody json, CurrentUser currentUser) {
        this.service = service;
        this.json = json;
        this.currentUser = currentUser;
    }

    @POST
    @Path("/share")
    @Consumes(MediaType.WILDCARD)
    public Uni<ShareResponse> share(String raw) {
        ShareRequest body = json.require(raw, ShareRequest.class);
        return service.share(Ids.uuid("sessionId", body.sessionId()));
    }

    @GET
    @Path("/{publicProfileId}")
    public Uni<ProfileView> view(@PathParam("publicProfileId") String publicProfileId) {
        return service.view(Ids.uuid("publicProfileId", publicProfileId));
    }

    /**
     * Anonymous callers get 401 before anything is looked up, so they cannot probe which profiles exist; a signed-in
     * caller learns 404 for an unknown profile and 401 for someone else's.
     */
    @PATCH
    @Path("/{publicProfileId}/visibility")
    @Consumes(MediaType.WILDCARD)
    public Uni<VisibilityResponse> visibility(@PathParam("publicProfileId") String publicProfileId, String raw) {
        UUID id = Ids.uuid("publicProfileId", publicProfileId);
        UUID caller = currentUser.id()
                .orElseThrow(() -> ApiException.unauthorized("Sign in to change the visibility of your profile"));
        JsonNode body = json.require(raw, JsonNode.class);
        Boolean isPublic = optionalBoolean(body, "isPublic");
        Boolean showQuestionnaire = optionalBoolean(body, "showQuestionnaire");
        if (isPublic == null && showQuestionnaire == null) {
            throw ApiException.validation("isPublic", "isPublic is required");
        }
        return service.setVisibility(id, caller, isPublic, showQuestionnaire);
    }

    /** A boolean field, or null when absent; anything but true/false is a 400 naming it. */
    private static Boolean optionalBoolean(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ApiException.validation(field, field + " must be true or false");
        }
        return value.booleanValue();
    }
}
