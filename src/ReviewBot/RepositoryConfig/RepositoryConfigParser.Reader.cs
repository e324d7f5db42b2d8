using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ReviewBot.RepositoryConfig;

public static partial class RepositoryConfigParser
{
    /// <summary>Reads typed values from YAML nodes, recording a problem (and returning null) for each it cannot.</summary>
    private sealed class Reader(List<ConfigProblem> problems)
    {
        private static readonly string[] PathsKeys = ["include", "exclude"];
        private static readonly string[] SkipKeys = ["authors", "labels"];
        private static readonly string[] InstructionKeys = ["path", "paths", "text"];

        /// <summary>The key's name when it is one of <paramref name="known"/>; otherwise records why not.</summary>
        public string? Key(YamlNode node, string[] known, string prefix)
        {
            if (node is not YamlScalarNode { Value: { } name })
            {
                Problem(node, "keys must be plain names");
                return null;
            }

            if (known.Contains(name, StringComparer.Ordinal))
            {
                return name;
            }

            var suggestion = known.MinBy(k => Distance(k, name));
            var hint = suggestion is not null && Distance(suggestion, name) <= Math.Max(2, name.Length / 3)
                ? $" (did you mean '{prefix}{suggestion}'?)"
                : $"; known settings here: {string.Join(", ", known.Select(k => prefix + k))}";
            Problem(node, $"unknown setting '{prefix}{name}'{hint}");
            return null;
        }

        public bool? Bool(YamlNode node, string key)
        {
            if (IsNull(node))
            {
                return null;
            }

            if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } value })
            {
                if (value is "true" or "True" or "TRUE")
                {
                    return true;
                }

                if (value is "false" or "False" or "FALSE")
                {
                    return false;
                }
            }

            Problem(node, $"{key} must be true or false; got {Describe(node)}");
            return null;
        }

        public int? Int(YamlNode node, string key, int min, int max)
        {
            if (IsNull(node))
            {
                return null;
            }

            if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } value } &&
                long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                if (number >= min && number <= max)
                {
                    return (int)number;
                }

                Problem(node, $"{key} must be between {min} and {max}; got {value}");
                return null;
            }

            Problem(node, $"{key} must be a whole number between {min} and {max}; got {Describe(node)}");
            return null;
        }

        public double? Number(YamlNode node, string key, double min, double max)
        {
            if (IsNull(node))
            {
                return null;
            }

            var range = string.Create(CultureInfo.InvariantCulture, $"between {min} and {max}");
            if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } value } &&
                double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number) &&
                double.IsFinite(number))
            {
                if (number >= min && number <= max)
                {
                    return number;
                }

                Problem(node, $"{key} must be {range}; got {value}");
                return null;
            }

            Problem(node, $"{key} must be a number {range}; got {Describe(node)}");
            return null;
        }

        public ConfigLayer Paths(YamlNode node, ConfigLayer layer)
        {
            if (Mapping(node, "paths") is not { } mapping)
            {
                return layer;
            }

            foreach (var (keyNode, value) in mapping.Children)
            {
                layer = Key(keyNode, PathsKeys, "paths.") switch
                {
                    "include" => layer with { Include = Globs(value, "paths.include") },
                    "exclude" => layer with { Exclude = Globs(value, "paths.exclude") },
                    _ => layer,
                };
            }

            return layer;
        }

        public ConfigLayer Skip(YamlNode node, ConfigLayer layer)
        {
            if (Mapping(node, "skip") is not { } mapping)
            {
                return layer;
            }

            foreach (var (keyNode, value) in mapping.Children)
            {
                layer = Key(keyNode, SkipKeys, "skip.") switch
                {
                    "authors" => layer with { SkipAuthors = Names(value, "skip.authors") },
                    "labels" => layer with { SkipLabels = Names(value, "skip.labels") },
                    _ => layer,
                };
            }

            return layer;
        }

        public List<PathInstruction>? Instructions(YamlNode node)
        {
            if (IsNull(node))
            {
                return null;
            }

            if (node is not YamlSequenceNode sequence)
            {
                Problem(node, $"instructions must be a list of entries with 'paths' and 'text'; got {Describe(node)}");
                return null;
            }

            if (sequence.Children.Count > MaxInstructions)
            {
                Problem(node, $"instructions may have at most {MaxInstructions} entries; got {sequence.Children.Count}");
                return null;
            }

            var instructions = new List<PathInstruction>();
            foreach (var entry in sequence.Children)
            {
                if (Instruction(entry) is { } instruction)
                {
                    instructions.Add(instruction);
                }
            }

            return instructions;
        }

        private PathInstruction? Instruction(YamlNode node)
        {
            if (node is not YamlMappingNode mapping)
            {
                Problem(node, $"each entry of instructions must be a mapping with 'paths' and 'text'; got {Describe(node)}");
                return null;
            }

            IReadOnlyList<string>? paths = null;
            string? text = null;
            var ok = true;
            foreach (var (keyNode, value) in mapping.Children)
            {
                switch (Key(keyNode, InstructionKeys, "instructions[]."))
                {
                    case "path" or "paths" when paths is not null:
                        Problem(keyNode, "give either 'path' or 'paths' in an instruction, not both");
                        ok = false;
                        break;
                    case "path" or "paths":
                        paths = Globs(value, "instructions[].paths");
                        ok &= paths is not null;
                        break;
                    case "text":
                        text = Text(value);
                        ok &= text is not null;
                        break;
                    default:
                        ok = false;
                        break;
                }
            }

            if (ok && (paths is not { Count: > 0 } || text is null))
            {
                Problem(node, "each instruction needs 'paths' (globs of the files it is about) and 'text' (the guidance)");
                return null;
            }

            return ok ? new PathInstruction(paths!, text!) : null;
        }

        private string? Text(YamlNode node)
        {
            if (node is not YamlScalarNode { Value: { } value } || (node is YamlScalarNode { Style: ScalarStyle.Plain } && IsNull(node)))
            {
                Problem(node, $"instructions[].text must be text; got {Describe(node)}");
                return null;
            }

            var text = value.Trim();
            if (text.Length == 0 || text.Length > MaxInstructionCharacters)
            {
                Problem(node, $"instructions[].text must have 1 to {MaxInstructionCharacters} characters; got {text.Length}");
                return null;
            }

            return text;
        }

        private List<string>? Globs(YamlNode node, string key)
        {
            var items = Strings(node, key, MaxGlobs);
            if (items is null)
            {
                return null;
            }

            var globs = new List<string>();
            foreach (var (item, itemNode) in items)
            {
                if (PathGlob.Problem(item) is { } problem)
                {
                    Problem(itemNode, $"{key}: {problem}");
                }
                else
                {
                    globs.Add(item);
                }
            }

            return globs.Count == items.Count ? globs : null;
        }

        private List<string>? Names(YamlNode node, string key)
        {
            var items = Strings(node, key, MaxNames);
            if (items is null)
            {
                return null;
            }

            var names = new List<string>();
            foreach (var (item, itemNode) in items)
            {
                if (item.Length is 0 or > 100 || item.Any(char.IsControl) || item.Any(char.IsWhiteSpace) && !key.EndsWith("labels", StringComparison.Ordinal))
                {
                    Problem(itemNode, $"{key}: '{Clip(item)}' is not a valid name");
                }
                else
                {
                    names.Add(item);
                }
            }

            return names.Count == items.Count ? names : null;
        }

        /// <summary>A list of strings; one string stands for a list of one.</summary>
        private List<(string Value, YamlNode Node)>? Strings(YamlNode node, string key, int max)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } single } scalar && !IsNull(scalar))
            {
                return [(single, node)];
            }

            if (node is not YamlSequenceNode sequence)
            {
                Problem(node, $"{key} must be a list of strings; got {Describe(node)}");
                return null;
            }

            if (sequence.Children.Count > max)
            {
                Problem(node, $"{key} may have at most {max} entries; got {sequence.Children.Count}");
                return null;
            }

            var items = new List<(string, YamlNode)>();
            foreach (var item in sequence.Children)
            {
                if (item is YamlScalarNode { Value: { } value } && !IsNull(item))
                {
                    items.Add((value, item));
                }
                else
                {
                    Problem(item, $"{key} must be a list of strings; an entry is {Describe(item)}");
                }
            }

            return items.Count == sequence.Children.Count ? items : null;
        }

        private YamlMappingNode? Mapping(YamlNode node, string key)
        {
            if (IsNull(node))
            {
                return null;
            }

            if (node is YamlMappingNode mapping)
            {
                return mapping;
            }

            Problem(node, $"{key} must be a mapping (key: value on the lines below it); got {Describe(node)}");
            return null;
        }

        private void Problem(YamlNode node, string message) => problems.Add(At(node, message));

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

        private static string Describe(YamlNode node) => node switch
        {
            YamlScalarNode { Style: ScalarStyle.Plain } s when IsNull(s) => "nothing",
            YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } => $"'{Clip(v ?? "")}'",
            YamlScalarNode { Value: var v } => $"the string \"{Clip(v ?? "")}\"",
            YamlSequenceNode => "a list",
            YamlMappingNode => "a mapping",
            _ => "something else",
        };

        private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";

        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length];
        }
    }
}
