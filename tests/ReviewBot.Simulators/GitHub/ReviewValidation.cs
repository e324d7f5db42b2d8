using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Simulators.GitHub;

/// <summary>
/// Checks a <c>POST …/pulls/{n}/reviews</c> body as GitHub does: first against the operation's request schema
/// (<c>Examples/pulls-create-review.request-schema.json</c>), then every comment against the diff of
/// <c>commit_id</c>. One failing comment fails the whole request with 422.
/// </summary>
internal static class ReviewValidation
{
    public const string Docs = "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request";

    /// <summary>A schema violation, worded as GitHub words them ("Invalid request.\n\n…"), or null.</summary>
    public static string? CheckSchema(JsonNode? body, string schemaName)
    {
        var schema = WireJson.Example(schemaName).AsObject();
        var errors = new List<string>();
        Check(body, schema, "", errors);
        return errors.Count == 0 ? null : "Invalid request.\n\n" + string.Join('\n', errors);
    }

    private static void Check(JsonNode? node, JsonObject schema, string where, List<string> errors)
    {
        var type = schema["type"]?.GetValue<string>();
        var kind = node?.GetValueKind();
        var ok = type switch
        {
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "integer" => kind == JsonValueKind.Number && node!.AsValue().TryGetValue<long>(out _),
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            _ => true,
        };
        if (!ok)
        {
            var shown = node is null ? "null" : node.ToJsonString();
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"For '{where.TrimStart('/')}', {shown} is not {Article(type!)} {type}."));
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"For '{where.TrimStart('/')}', {node!.ToJsonString()} is not a member of [{string.Join(", ", allowed.Select(a => a!.ToJsonString()))}]."));
        }

        if (node is JsonObject obj)
        {
            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                var name = required!.GetValue<string>();
                if (!obj.ContainsKey(name))
                {
                    errors.Add($"\"{name}\" wasn't supplied.");
                }
            }

            if (schema["properties"] is JsonObject properties)
            {
                foreach (var (name, value) in obj)
                {
                    if (properties[name] is JsonObject property)
                    {
                        Check(value, property, $"{where}/properties/{name}", errors);
                    }
                }
            }
        }
        else if (node is JsonArray array && schema["items"] is JsonObject items)
        {
            foreach (var item in array)
            {
                Check(item, items, $"{where}/items", errors);
            }
        }
    }

    private static string Article(string type) => type is "object" or "array" or "integer" ? "an" : "a";

    /// <summary>Why GitHub would refuse this comment on <paramref name="diff"/>, or null when it would take it.</summary>
    public static string? CheckComment(UnifiedDiff diff, JsonObject comment, IReadOnlyCollection<(string Path, int Line)> rejected)
    {
        var path = comment["path"]?.GetValue<string>() ?? "";
        var file = diff.FindFile(path);
        if (file is null || file.IsBinary)
        {
            return "Path could not be resolved";
        }

        if (string.Equals(comment["subject_type"]?.GetValue<string>(), "file", StringComparison.Ordinal))
        {
            return null;
        }

        if (comment["position"] is JsonValue position)
        {
            return position.GetValue<long>() >= 1 ? null : "Position is invalid";
        }

        if (comment["line"] is not JsonValue lineValue)
        {
            return "Line could not be resolved";
        }

        var line = (int)lineValue.GetValue<long>();
        var side = comment["side"]?.GetValue<string>() ?? "RIGHT";
        if (side is not ("RIGHT" or "LEFT"))
        {
            return "Side is not one of LEFT, RIGHT";
        }

        var hunk = FindHunk(file, line, side);
        if (hunk is null || rejected.Contains((path, line)))
        {
            return "Pull request review thread line must be part of the diff";
        }

        if (comment["start_line"] is JsonValue startValue)
        {
            var start = (int)startValue.GetValue<long>();
            var startSide = comment["start_side"]?.GetValue<string>() ?? side;
            if (start > line)
            {
                return "Pull request review thread start line must precede the end line";
            }

            if (FindHunk(file, start, startSide) != hunk)
            {
                return "Pull request review thread start line must be part of the same hunk as the line.";
            }
        }

        return null;
    }

    private static DiffHunk? FindHunk(DiffFile file, int line, string side) =>
        side == "LEFT" ? file.Hunks.FirstOrDefault(h => h.ContainsOldLine(line)) : file.FindHunkForNewLine(line);
}
