package io.microtvm.projectapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code server_info_query} result says (docs/project-api.md, "server_info_query"), checked
 * for the shape the protocol promises.
 */
final class ServerInfoReply {
    private ServerInfoReply() {
    }

    /** A result of another shape stops the server through {@code channel}: it cannot be trusted any more. */
    static ServerInfo parse(JsonNode result, JsonRpcChannel channel) throws ProjectApiException {
        String method = "server_info_query";
        if (!result.isObject()) {
            throw channel.brokenReply(method, "whose result is not an object: " + result);
        }
        JsonNode version = result.get("protocol_version");
        if (version == null) {
            throw channel.brokenReply(method, "without 'protocol_version'");
        }
        if (!version.isNumber() || version.decimalValue().compareTo(BigDecimal.ONE) != 0) {
            throw new UnsupportedProtocolVersionException(version.isIntegralNumber() ? version.asText() : version.toString());
        }
        JsonNode platform = result.get("platform_name");
        JsonNode isTemplate = result.get("is_template");
        JsonNode mlf = result.get("model_library_format_path");
        JsonNode options = result.get("project_options");
        if (platform == null || !platform.isTextual()) {
            throw channel.brokenReply(method, "without a string 'platform_name'");
        }
        if (isTemplate == null || !isTemplate.isBoolean()) {
            throw channel.brokenReply(method, "without a boolean 'is_template'");
        }
        if (mlf != null && !mlf.isNull() && !mlf.isTextual()) {
            throw channel.brokenReply(method, "whose 'model_library_format_path' is not a string");
        }
        if (options == null || !(options.isArray() || options.isNull())) {
            throw channel.brokenReply(method, "without a 'project_options' array");
        }
        List<ProjectOption> parsed = new ArrayList<>();
        for (JsonNode option : options) {
            try {
                parsed.add(ProjectOption.fromJson(option));
            } catch (IllegalArgumentException e) {
                throw channel.brokenReply(method, "with an unusable project option: " + e.getMessage());
            }
        }
        return new ServerInfo(platform.asText(), isTemplate.asBoolean(),
                mlf == null || mlf.isNull() ? "" : mlf.asText(), parsed, version.intValue(),
                firmwareImagesOf(result.get("firmware_images")), requiredToolsOf(result.get("required_tools")));
    }

    /**
     * The extra {@code firmware_images} key: extension to relative path. An extension of the
     * protocol, so a value of another shape counts as none rather than as a broken server.
     */
    private static Map<String, String> firmwareImagesOf(JsonNode images) {
        Map<String, String> out = new LinkedHashMap<>();
        if (images != null && images.isObject()) {
            images.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual() && !e.getKey().isBlank()) {
                    out.put(e.getKey(), e.getValue().textValue());
                }
            });
        }
        return out;
    }

    /** The extra {@code required_tools} key; entries of another shape are left out. */
    private static List<RequiredTool> requiredToolsOf(JsonNode tools) {
        List<RequiredTool> out = new ArrayList<>();
        if (tools == null || !tools.isArray()) {
            return out;
        }
        for (JsonNode tool : tools) {
            JsonNode command = tool.get("command");
            if (command == null || !command.isTextual() || command.textValue().isBlank()) {
                continue;
            }
            JsonNode fallback = tool.get("default");
            List<String> neededFor = new ArrayList<>();
            tool.path("needed_for").forEach(m -> {
                if (m.isTextual()) {
                    neededFor.add(m.textValue());
                }
            });
            out.add(new RequiredTool(command.textValue(), fallback != null && fallback.isTextual()
                    ? fallback.textValue() : null, neededFor));
        }
        return out;
    }
}
