using System.Globalization;
using System.Text;

namespace ReviewBot.GitHub.Tests.TestSupport;

/// <summary>Builds unified diffs as git prints them, for seeding the simulator.</summary>
internal static class Patches
{
    /// <summary>The text of line <paramref name="number"/> of an added file.</summary>
    public static string LineText(string path, int number) => $"var value{number} = Compute(\"{path}\", {number});";

    public static string AddedFile(string path, int lines)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..1234567\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{lines} @@\n");
        for (var i = 1; i <= lines; i++)
        {
            text.Append('+').Append(LineText(path, i)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>An added file with exactly these lines.</summary>
    public static string AddedFile(string path, IReadOnlyList<string> lines)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..1234567\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{lines.Count} @@\n");
        foreach (var line in lines)
        {
            text.Append('+').Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The whole new file of <see cref="AddedFile(string, int)"/>.</summary>
    public static string AddedContent(string path, int lines) =>
        string.Concat(Enumerable.Range(1, lines).Select(i => LineText(path, i) + "\n"));

    /// <summary>
    /// A modified file with one hunk starting at <paramref name="start"/>: three context lines, the added lines,
    /// three context lines. New-side lines start..start+5+added.Length are commentable; nothing else is.
    /// </summary>
    public static string ModifiedFile(string path, int start, params string[] added)
    {
        var text = new StringBuilder();
        var oldCount = 6;
        var newCount = 6 + added.Length;
        text.Append(CultureInfo.InvariantCulture, $"diff --git a/{path} b/{path}\nindex 1111111..2222222 100644\n--- a/{path}\n+++ b/{path}\n@@ -{start},{oldCount} +{start},{newCount} @@ class Sample\n");
        for (var i = 0; i < 3; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $" context {start + i}\n");
        }

        foreach (var line in added)
        {
            text.Append('+').Append(line).Append('\n');
        }

        for (var i = 3; i < 6; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $" context {start + i}\n");
        }

        return text.ToString();
    }

    public static string BinaryFile(string path) =>
        $"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..3333333\nBinary files /dev/null and b/{path} differ\n";

    public static string DeletedFile(string path) =>
        $"diff --git a/{path} b/{path}\ndeleted file mode 100644\nindex 4444444..0000000\n--- a/{path}\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-old one\n-old two\n";
}
