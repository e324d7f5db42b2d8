using System.Text.Json.Nodes;

namespace ReviewBot.Tests.Support;

/// <summary>
/// Checks JSON against the part of JSON Schema the export schemas use: type, enum, properties, required,
/// additionalProperties: false, items, minItems/maxItems, minLength, minimum/maximum/exclusiveMinimum.
/// A keyword it does not know fails the check, so a schema cannot silently ask for more than is checked.
/// </summary>
internal static class JsonSchemaSubset
{
    private static readonly HashSet<string> Known =
    [
        "$schema", "title", "type", "enum", "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
        "minLength", "minimum", "maximum", "exclusiveMinimum",
    ];

    public static IReadOnlyList<string> Validate(JsonNode? value, JsonObject schema)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors);
        return errors;
    }

    private static void Check(JsonNode? value, JsonObject schema, string at, List<string> errors)
    {
        foreach (var keyword in schema.Select(static p => p.Key).Where(k => !Known.Contains(k)))
        {
            errors.Add($"{at}: schema keyword '{keyword}' is not supported by the checker");
        }

        if (schema["type"]?.GetValue<string>() is { } type && !HasType(value, type))
        {
            errors.Add($"{at}: expected {type}, found {value?.GetValueKind().ToString() ?? "null"}");
            return;
        }

        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
        {
            errors.Add($"{at}: {value?.ToJsonString()} is not one of {options.ToJsonString()}");
        }

        switch (value)
        {
            case JsonObject obj:
                foreach (var name in (schema["required"] as JsonArray ?? []).Select(static n => n!.GetValue<string>()).Where(n => !obj.ContainsKey(n)))
                {
                    errors.Add($"{at}: missing '{name}'");
                }

                var properties = schema["properties"] as JsonObject ?? [];
                foreach (var (name, child) in obj)
                {
                    if (properties[name] is JsonObject childSchema)
                    {
                        Check(child, childSchema, $"{at}.{name}", errors);
                    }
                    else if (schema["additionalProperties"]?.GetValue<bool>() == false)
                    {
                        errors.Add($"{at}: unexpected property '{name}'");
                    }
                }

                break;
            case JsonArray array:
                if (schema["minItems"]?.GetValue<int>() is { } min && array.Count < min)
                {
                    errors.Add($"{at}: {array.Count} item(s), fewer than {min}");
                }

                if (schema["maxItems"]?.GetValue<int>() is { } max && array.Count > max)
                {
                    errors.Add($"{at}: {array.Count} item(s), more than {max}");
                }

                if (schema["items"] is JsonObject itemSchema)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Check(array[i], itemSchema, $"{at}[{i}]", errors);
                    }
                }

                break;
            case JsonValue scalar when scalar.GetValueKind() == System.Text.Json.JsonValueKind.String:
                if (schema["minLength"]?.GetValue<int>() is { } minLength && scalar.GetValue<string>().Length < minLength)
                {
                    errors.Add($"{at}: shorter than {minLength}");
                }

                break;
            case JsonValue number when number.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                var n = number.GetValue<double>();
                if ((schema["minimum"]?.GetValue<double>() is { } minimum && n < minimum)
                    || (schema["maximum"]?.GetValue<double>() is { } maximum && n > maximum)
                    || (schema["exclusiveMinimum"]?.GetValue<double>() is { } above && n <= above))
                {
                    errors.Add($"{at}: {n} is out of range");
                }

                break;
        }
    }

    private static bool HasType(JsonNode? value, string type)
    {
        var kind = value?.GetValueKind() ?? System.Text.Json.JsonValueKind.Null;
        return type switch
        {
            "object" => kind == System.Text.Json.JsonValueKind.Object,
            "array" => kind == System.Text.Json.JsonValueKind.Array,
            "string" => kind == System.Text.Json.JsonValueKind.String,
            "boolean" => kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
            "number" => kind == System.Text.Json.JsonValueKind.Number,
            "integer" => kind == System.Text.Json.JsonValueKind.Number && value!.GetValue<double>() % 1 == 0,
            _ => false,
        };
    }
}
