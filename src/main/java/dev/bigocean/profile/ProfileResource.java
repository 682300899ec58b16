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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bigocean.identity.CurrentUser;
import dev.bigocean.profile.api.ProfileView;
import dev.bigocean.profile.api.ShareRequest;
import dev.bigocean.profile.api.ShareResponse;
import dev.bigocean.profile.api.VisibilityRequest;
import dev.bigocean.profile.api.VisibilityResponse;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.Ids;
import dev.bigocean.web.api.ErrorBodies;
import dev.bigocean.web.JsonBody;
import io.smallrye.mutiny.Uni;

@Path("/api/profile")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Profile")
class ProfileResource {

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
    @Operation(operationId = "shareProfile", summary = "Create (or return) the public profile of an assessment",
            description = "Needs an overallConfidence of at least 70.")
    @APIResponse(responseCode = "200", description = "The public profile.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareResponse.class)))
    @APIResponse(responseCode = "404", description = "SessionNotFound.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.SessionNotFound.class)))
    @APIResponse(responseCode = "410", description = "SessionExpired.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.SessionExpired.class)))
    @APIResponse(responseCode = "422", description = "ProfileError: the assessment's confidence is too low.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.ProfileError.class)))
    public Uni<ShareResponse> share(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ShareRequest.class))) String raw) {
        ShareRequest body = json.require(raw, ShareRequest.class);
        return service.share(Ids.uuid("sessionId", body.sessionId()));
    }

    @GET
    @Path("/{publicProfileId}")
    @Operation(operationId = "getPublicProfile", summary = "A public profile")
    @APIResponse(responseCode = "200", description = "The profile.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "403", description = "ProfilePrivate.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.ProfilePrivate.class)))
    @APIResponse(responseCode = "404", description = "ProfileNotFound.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.ProfileNotFound.class)))
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<byte[]> view(@PathParam("publicProfileId") @Parameter(description = "The public profile id.", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String publicProfileId) {
        return service.view(Ids.uuid("publicProfileId", publicProfileId));
    }

    /**
     * Anonymous callers get 401 before anything is looked up, so they cannot probe which profiles exist; a signed-in
     * caller learns 404 for an unknown profile and 401 for someone else's.
     */
    @PATCH
    @Path("/{publicProfileId}/visibility")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "setProfileVisibility", summary = "Make your profile public or private")
    @APIResponse(responseCode = "200", description = "The new visibility.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisibilityResponse.class)))
    @APIResponse(responseCode = "401", description = "Unauthorized: not signed in, or not the owner.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.Unauthorized.class)))
    @APIResponse(responseCode = "404", description = "ProfileNotFound.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.ProfileNotFound.class)))
    public Uni<VisibilityResponse> visibility(@PathParam("publicProfileId") @Parameter(description = "The public profile id.", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            String publicProfileId, @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VisibilityRequest.class))) String raw) {
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
