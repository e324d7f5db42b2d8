using System.Globalization;
using System.Text;

namespace ReviewBot.Cli.Bench;

/// <summary>
/// A deterministic C# change for benchmarks: new service classes with loops, async calls, disposables and
/// exception handling, a few of them with the kinds of bugs reviewers look for, as a git patch of added files.
/// </summary>
internal static class SyntheticChange
{
    public static byte[] Patch(int addedLines)
    {
        var patch = new StringBuilder();
        var written = 0;
        for (var file = 0; written < addedLines; file++)
        {
            var lines = File(file, Math.Min(150, addedLines - written));
            written += lines.Count;
            var path = string.Create(CultureInfo.InvariantCulture, $"src/Shop/Service{file}.cs");
            patch.Append("diff --git a/").Append(path).Append(" b/").Append(path).Append('\n')
                .Append("new file mode 100644\n--- /dev/null\n+++ b/").Append(path).Append('\n')
                .Append(CultureInfo.InvariantCulture, $"@@ -0,0 +1,{lines.Count} @@\n");
            foreach (var line in lines)
            {
                patch.Append('+').Append(line).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(patch.ToString());
    }

    private static List<string> File(int index, int budget)
    {
        var lines = new List<string>
        {
            "using System;",
            "using System.Collections.Generic;",
            "using System.IO;",
            "using System.Net.Http;",
            "using System.Threading.Tasks;",
            "",
            "namespace Shop;",
            "",
            string.Create(CultureInfo.InvariantCulture, $"public sealed class Service{index}"),
            "{",
            "    private readonly Dictionary<string, int> _stock = new();",
            "    private readonly HttpClient _http;",
            "    private int _count;",
            "",
            string.Create(CultureInfo.InvariantCulture, $"    public Service{index}(HttpClient http) => _http = http;"),
        };
        for (var method = 0; lines.Count + 16 < budget; method++)
        {
            lines.AddRange(Method(index, method));
        }

        lines.Add("}");
        return lines;
    }

    private static IEnumerable<string> Method(int file, int method)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"M{file}_{method}");
        switch ((file + method) % 4)
        {
            case 0:
                return
                [
                    "",
                    $"    public int {name}(int[] values, int threshold)",
                    "    {",
                    "        var total = 0;",
                    method % 3 == 0 ? "        for (var i = 0; i <= values.Length; i++)" : "        for (var i = 0; i < values.Length; i++)",
                    "        {",
                    "            if (values[i] > threshold)",
                    "            {",
                    "                total += values[i];",
                    "            }",
                    "        }",
                    "",
                    "        return total;",
                    "    }",
                ];
            case 1:
                return
                [
                    "",
                    $"    public async Task<bool> {name}Async(string sku, int quantity)",
                    "    {",
                    "        var available = _stock.TryGetValue(sku, out var count) ? count : 0;",
                    "        if (available < quantity)",
                    "        {",
                    "            return false;",
                    "        }",
                    "",
                    "        _stock[sku] = available - quantity;",
                    method % 3 == 1 ? "        _http.PostAsync(new Uri(\"https://example.com/\" + sku), null);" : "        await _http.PostAsync(new Uri(\"https://example.com/\" + sku), null);",
                    "        return true;",
                    "    }",
                ];
            case 2:
                return
                [
                    "",
                    $"    public void {name}(string path)",
                    "    {",
                    method % 3 == 2 ? "        var writer = new StreamWriter(path);" : "        using var writer = new StreamWriter(path);",
                    "        foreach (var (sku, count) in _stock)",
                    "        {",
                    "            writer.WriteLine(sku + \",\" + count);",
                    "        }",
                    "",
                    method % 2 == 0 ? "        _count = _count;" : "        _count++;",
                    "    }",
                ];
            default:
                return
                [
                    "",
                    $"    public async Task<string> {name}Async(Uri uri)",
                    "    {",
                    "        try",
                    "        {",
                    "            return await _http.GetStringAsync(uri);",
                    "        }",
                    method % 2 == 0 ? "        catch (Exception)" : "        catch (HttpRequestException ex) when (ex.StatusCode is not null)",
                    "        {",
                    "            return \"\";",
                    "        }",
                    "    }",
                ];
        }
    }
}
