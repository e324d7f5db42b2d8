using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Analysis.Analyzers;
using ReviewBot.Analysis.Changes;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Compilation;

/// <summary>
/// Compiles the changed C# files of a change once, however many finding sources ask: whole files from
/// <see cref="ChangeContext.Files"/> when it has them, otherwise what the diff shows (an added file completely, a
/// modified one as its hunks, marked partial). Results are cached per <see cref="ChangeContext"/> instance.
/// </summary>
internal sealed partial class ChangeCompiler(IOptions<AnalysisOptions> options, ILogger<ChangeCompiler> logger)
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview, DocumentationMode.None);

    private readonly ConditionalWeakTable<ChangeContext, Lazy<Task<CompiledChange>>> _cache = new();

    public Task<CompiledChange> CompileAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _cache.GetValue(context, c => new Lazy<Task<CompiledChange>>(() => Task.Run(() => BuildAsync(c, cancellationToken), cancellationToken))).Value;
    }

    private async Task<CompiledChange> BuildAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var files = new List<ChangedFile>();
        var skipped = new List<SkippedFile>();
        foreach (var diff in context.Diff.Files)
        {
            if (!FileFilter.IsCSharp(diff.Path))
            {
                continue;
            }

            var reason = FileFilter.CheckDiff(diff, settings.MaxFileBytes);
            if (reason is null && files.Count >= settings.MaxCSharpFiles)
            {
                reason = SkipReason.TooLarge;
            }

            var (head, baseVersion, contentReason) = reason is null ? await ReadAsync(context.Files, diff, settings.MaxFileBytes, cancellationToken).ConfigureAwait(false) : (null, null, null);
            reason ??= contentReason;
            if (reason is not null || head is null)
            {
                var why = reason ?? SkipReason.Binary;
                skipped.Add(new SkippedFile(diff.Path, why));
                Log.Skipped(logger, diff.Path, why);
                continue;
            }

            files.Add(new ChangedFile(diff, head, baseVersion)
            {
                HeadTree = CSharpSyntaxTree.ParseText(head.Source, ParseOptions, diff.Path, cancellationToken),
                BaseTree = baseVersion is null ? null : CSharpSyntaxTree.ParseText(baseVersion.Source, ParseOptions, diff.OldPath ?? diff.Path, cancellationToken),
            });
        }

        if (files.Count == 0)
        {
            return new CompiledChange([], CompiledChange.Empty.Head, static () => null, skipped);
        }

        var compilationOptions = CreateOptions(UsesNullableAnnotations(files, cancellationToken));
        var usings = ImplicitUsings.Create(ParseOptions);
        var headCompilation = CSharpCompilation.Create("ReviewBot.Head", [.. files.Select(static f => f.HeadTree!), usings], FrameworkReferences.All, compilationOptions);
        return new CompiledChange(files, headCompilation, CreateBase, skipped);

        CSharpCompilation? CreateBase()
        {
            var trees = files.Where(static f => f.BaseTree is not null).Select(static f => f.BaseTree!).ToList();
            return trees.Count == 0 ? null : CSharpCompilation.Create("ReviewBot.Base", [.. trees, usings], FrameworkReferences.All, compilationOptions);
        }
    }

    private static async Task<(FileVersion? Head, FileVersion? Base, SkipReason? Reason)> ReadAsync(IFileSource source, DiffFile diff, int maxBytes, CancellationToken cancellationToken)
    {
        FileVersion? head;
        if (diff.Change == FileChangeKind.Added)
        {
            // An added file is all in the diff.
            head = FileVersion.Complete(string.Join('\n', diff.NewSideLines.Select(static l => l.Text)));
        }
        else
        {
            var content = await source.GetNewContentAsync(diff.Path, cancellationToken).ConfigureAwait(false);
            if (content is not null && FileFilter.CheckContent(content, maxBytes) is { } reason)
            {
                return (null, null, reason);
            }

            head = content is null ? null : FileVersion.Complete(content);
            if (head is null || !AgreesWithDiff(head, diff))
            {
                head = FileVersion.FromHunks(diff, newSide: true);
            }
        }

        FileVersion? baseVersion = null;
        if (diff.Change != FileChangeKind.Added)
        {
            var content = await source.GetOldContentAsync(diff.OldPath ?? diff.Path, cancellationToken).ConfigureAwait(false);
            baseVersion = content is not null && FileFilter.CheckContent(content, maxBytes) is null
                ? FileVersion.Complete(content)
                : FileVersion.FromHunks(diff, newSide: false);
        }

        return (head, baseVersion, null);
    }

    /// <summary>A whole file that disagrees with the diff (e.g. a working tree edited since) cannot give exact quotes.</summary>
    private static bool AgreesWithDiff(FileVersion head, DiffFile diff)
    {
        foreach (var line in diff.NewSideLines)
        {
            var index = line.NewLine - 1;
            if (index >= head.LineCount || !string.Equals(head.LineText(index), line.Text.TrimEnd('\r'), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A project's nullable setting lives in its project file, which ReviewBot does not see. Code that writes
    /// <c>string?</c> or <c>x!</c> has it enabled; code that does not would drown in warnings if it were assumed.
    /// </summary>
    internal static bool UsesNullableAnnotations(IEnumerable<ChangedFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            foreach (var node in file.HeadTree!.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is NullableTypeSyntax { ElementType: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.StringKeyword or (int)SyntaxKind.ObjectKeyword } or ArrayTypeSyntax } ||
                    node.IsKind(SyntaxKind.SuppressNullableWarningExpression))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static CSharpCompilationOptions CreateOptions(bool nullable) =>
        new(
            OutputKind.DynamicallyLinkedLibrary,
            allowUnsafe: true,
            concurrentBuild: true,
            warningLevel: 9999,
            nullableContextOptions: nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable,
            // The curated analyzer rules run whatever their default severity (several are off or hidden by default).
            specificDiagnosticOptions: AnalyzerCatalog.Entries.Keys.Select(static id => KeyValuePair.Create(id, ReportDiagnostic.Warn)));

    private static partial class Log
    {
        [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Not analysed: {Path} ({Reason})")]
        public static partial void Skipped(ILogger logger, string path, SkipReason reason);
    }
}
