using System.Text;
using System.Text.Json.Nodes;

namespace ReviewBot.Tests.Support;

/// <summary>How a payload is damaged.</summary>
internal enum Mutation
{
    /// <summary>A few bytes XOR-ed with random values.</summary>
    ByteFlips,

    /// <summary>Cut off at a random length.</summary>
    Truncation,

    /// <summary>Values replaced by values of another JSON type (a string by a number, an object by an array, …).</summary>
    TypeSwaps,

    /// <summary>Values replaced by <c>null</c>.</summary>
    Nulls,

    /// <summary>A value replaced by arrays and objects nested hundreds deep.</summary>
    DeepNesting,

    /// <summary>Numbers far outside any integer type.</summary>
    HugeNumbers,

    /// <summary>Bytes that are not UTF-8.</summary>
    InvalidUtf8,

    /// <summary>Padded past the receiver's body limit.</summary>
    Oversized,
}

/// <summary>Seeded, repeatable damage to a recorded payload: the same seed gives the same bytes.</summary>
internal sealed class PayloadMutator(int seed, int oversizeBytes)
{
    private readonly Random _random = new(seed);

    public byte[] Apply(byte[] payload, Mutation mutation) => mutation switch
    {
        Mutation.ByteFlips => Flip(payload),
        Mutation.Truncation => payload[.._random.Next(0, Math.Max(1, payload.Length - 1))],
        Mutation.TypeSwaps => Rewrite(payload, SwapTypes),
        Mutation.Nulls => Rewrite(payload, Nullify),
        Mutation.DeepNesting => Rewrite(payload, Nest),
        Mutation.HugeNumbers => Rewrite(payload, Enlarge),
        Mutation.InvalidUtf8 => Corrupt(payload),
        Mutation.Oversized => Pad(payload),
        _ => throw new ArgumentOutOfRangeException(nameof(mutation)),
    };

    /// <summary>
    /// Every value down to <paramref name="maxDepth"/> changed on its own, once to <c>null</c> and once to another
    /// JSON type: the fields a receiver reads are all hit, which random damage rarely manages.
    /// </summary>
    public IEnumerable<(string Path, byte[] Body)> EachField(byte[] payload, int maxDepth)
    {
        var paths = Paths(JsonNode.Parse(payload)!, "$", maxDepth).ToList();
        foreach (var path in paths)
        {
            yield return (path + " = null", Rewrite(payload, root => At(root, path, static (_, _) => null)));
            yield return (path + " retyped", Rewrite(payload, root => At(root, path, (_, value) => OtherType(value))));
        }
    }

    private static IEnumerable<string> Paths(JsonNode node, string path, int depth)
    {
        if (depth == 0)
        {
            yield break;
        }

        foreach (var (parent, key) in Children(node))
        {
            var child = key is string name ? $"{path}.{name}" : $"{path}[{key}]";
            yield return child;
            if (Get(parent, key) is { } inner)
            {
                foreach (var deeper in Paths(inner, child, depth - 1))
                {
                    yield return deeper;
                }
            }
        }
    }

    private static void At(JsonNode root, string path, Func<JsonNode, JsonNode?, JsonNode?> change)
    {
        var node = root;
        var steps = path[2..].Replace("[", ".[", StringComparison.Ordinal).Split('.');
        for (var i = 0; i < steps.Length; i++)
        {
            object key = steps[i].StartsWith('[') ? int.Parse(steps[i][1..^1], System.Globalization.CultureInfo.InvariantCulture) : steps[i];
            if (i == steps.Length - 1)
            {
                Replace(node, key, change(node, Get(node, key)));
                return;
            }

            node = Get(node, key)!;
        }
    }

    private static List<(JsonNode Parent, object Key)> Children(JsonNode node) => node switch
    {
        JsonObject obj => obj.Select(p => ((JsonNode)obj, (object)p.Key)).ToList(),
        JsonArray array => Enumerable.Range(0, array.Count).Select(i => ((JsonNode)array, (object)i)).ToList(),
        _ => [],
    };

    private byte[] Flip(byte[] payload)
    {
        var copy = (byte[])payload.Clone();
        for (var i = _random.Next(1, 9); i > 0; i--)
        {
            copy[_random.Next(copy.Length)] ^= (byte)_random.Next(1, 256);
        }

        return copy;
    }

    private byte[] Corrupt(byte[] payload)
    {
        var copy = (byte[])payload.Clone();
        var at = _random.Next(copy.Length - 2);
        copy[at] = 0xC3;
        copy[at + 1] = 0x28;
        return copy;
    }

    private byte[] Pad(byte[] payload)
    {
        var padded = new byte[oversizeBytes + 1 + payload.Length];
        payload.CopyTo(padded, 0);
        padded.AsSpan(payload.Length).Fill((byte)' ');
        return padded;
    }

    private static byte[] Rewrite(byte[] payload, Action<JsonNode> damage)
    {
        var root = JsonNode.Parse(payload)!;
        damage(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private void SwapTypes(JsonNode root)
    {
        var values = Values(root).ToList();
        for (var i = _random.Next(1, 6); i > 0 && values.Count > 0; i--)
        {
            var (parent, key) = values[_random.Next(values.Count)];
            Replace(parent, key, OtherType(Get(parent, key)));
        }
    }

    private void Nullify(JsonNode root)
    {
        var values = Values(root).ToList();
        for (var i = _random.Next(1, 8); i > 0 && values.Count > 0; i--)
        {
            var (parent, key) = values[_random.Next(values.Count)];
            Replace(parent, key, null);
        }
    }

    private void Nest(JsonNode root)
    {
        var values = Values(root).ToList();
        var (parent, key) = values[_random.Next(values.Count)];
        JsonNode nested = JsonValue.Create(1)!;
        for (var depth = _random.Next(60, 400); depth > 0; depth--)
        {
            nested = depth % 2 == 0 ? new JsonArray(nested) : new JsonObject { ["x"] = nested };
        }

        Replace(parent, key, nested);
    }

    private void Enlarge(JsonNode root)
    {
        var numbers = Values(root).Where(v => Get(v.Parent, v.Key) is JsonValue value && value.TryGetValue<long>(out _)).ToList();
        var (parent, key) = numbers.Count > 0 ? numbers[_random.Next(numbers.Count)] : Values(root).First();
        Replace(parent, key, JsonNode.Parse(_random.Next(2) == 0 ? "1e400" : "123456789012345678901234567890"));
    }

    private JsonNode? OtherType(JsonNode? value) => (value?.GetValueKind(), _random.Next(3)) switch
    {
        (System.Text.Json.JsonValueKind.String, 0) => JsonValue.Create(42),
        (System.Text.Json.JsonValueKind.String, 1) => new JsonObject(),
        (System.Text.Json.JsonValueKind.Number, 0) => JsonValue.Create("42"),
        (System.Text.Json.JsonValueKind.Number, _) => JsonValue.Create(true),
        (System.Text.Json.JsonValueKind.Object, 0) => new JsonArray(1, 2),
        (System.Text.Json.JsonValueKind.Object, _) => JsonValue.Create("object"),
        (System.Text.Json.JsonValueKind.Array, _) => new JsonObject { ["length"] = 0 },
        (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False, _) => JsonValue.Create("yes"),
        (null or System.Text.Json.JsonValueKind.Null, _) => new JsonArray(),
        _ => null,
    };

    /// <summary>Every value under the root, as (its container, its key or index).</summary>
    private static IEnumerable<(JsonNode Parent, object Key)> Values(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    yield return (obj, name);
                    if (child is not null)
                    {
                        foreach (var inner in Values(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, i);
                    if (array[i] is { } child)
                    {
                        foreach (var inner in Values(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }

    private static JsonNode? Get(JsonNode parent, object key) => key is string name ? parent[name] : parent[(int)key];

    private static void Replace(JsonNode parent, object key, JsonNode? value)
    {
        if (key is string name)
        {
            parent[name] = value;
        }
        else
        {
            parent[(int)key] = value;
        }
    }
}
