using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Resources;

/// <summary>
/// RB0008: a local created with <c>new</c> whose type is disposable, not declared with <c>using</c>, and never
/// disposed, returned, stored, passed on or captured in the method. Types whose disposal releases nothing that
/// matters (MemoryStream, StringReader/Writer, Task, CancellationTokenSource, HttpClient — which should be reused
/// rather than disposed) are left alone.
/// </summary>
internal sealed class UndisposedLocalRule : ICSharpRule
{
    private static readonly HashSet<string> Harmless = new(StringComparer.Ordinal)
    {
        "System.IO.MemoryStream", "System.IO.StringReader", "System.IO.StringWriter", "System.IO.UnmanagedMemoryStream",
        "System.Threading.Tasks.Task", "System.Threading.CancellationTokenSource", "System.Threading.SemaphoreSlim",
        "System.Threading.ManualResetEventSlim", "System.Net.Http.HttpClient", "System.Data.DataTable", "System.Data.DataSet",
        "System.Net.Http.StringContent", "System.Net.Http.ByteArrayContent",
    };

    public RuleInfo Info { get; } = new("RB0008", "Disposable not disposed", FindingKind.Bug, 0.7);

    public void Analyze(RuleContext context)
    {
        foreach (var declaration in context.Root.DescendantNodes().OfType<LocalDeclarationStatementSyntax>())
        {
            if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) || declaration.Declaration.Variables is not [{ Initializer.Value: BaseObjectCreationExpressionSyntax creation } variable] ||
                context.Model.GetTypeInfo(creation, context.CancellationToken).Type is not INamedTypeSymbol type || !IsDisposable(type) ||
                Harmless.Contains(type.ToDisplayString()) || context.Model.GetDeclaredSymbol(variable, context.CancellationToken) is not ILocalSymbol local ||
                RuleSyntax.EnclosingFunction(declaration) is not { } function || IsHandedOver(function, declaration, local, context))
            {
                continue;
            }

            var name = variable.Identifier.ValueText;
            var isWriter = InheritsFrom(type, "System.IO.Stream") || InheritsFrom(type, "System.IO.TextWriter") || type.Name.EndsWith("Writer", StringComparison.Ordinal);
            var comment = isWriter
                ? $"`{name}` ({type.Name}) is never disposed: the file stays open until the finalizer runs, and buffered output may never be flushed to disk. Declare it with `using var {name} = …`."
                : $"`{name}` ({type.Name}) is never disposed, so what it holds (a handle, connection or buffer) stays in use until the garbage collector gets to it. Declare it with `using var {name} = …`.";
            TextChange? edit = declaration.Parent is BlockSyntax && declaration.AwaitKeyword.IsKind(SyntaxKind.None) && declaration.Modifiers.Count == 0
                ? new TextChange(new TextSpan(declaration.Declaration.SpanStart, 0), "using ")
                : null;
            context.Report(Info, declaration, comment, isWriter ? 0.85 : Info.Confidence, edit);
        }
    }

    private static bool IsDisposable(ITypeSymbol type) =>
        type.AllInterfaces.Any(static i => i.ToDisplayString() is "System.IDisposable" or "System.IAsyncDisposable");

    private static bool InheritsFrom(ITypeSymbol type, string baseName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == baseName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Disposed, returned, stored, passed, captured, or used by a using: someone takes care of it (or might).</summary>
    private static bool IsHandedOver(SyntaxNode function, LocalDeclarationStatementSyntax declaration, ILocalSymbol local, RuleContext context)
    {
        foreach (var identifier in function.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.SpanStart < declaration.Span.End || identifier.Identifier.ValueText != local.Name ||
                !SymbolEqualityComparer.Default.Equals(context.Model.GetSymbolInfo(identifier, context.CancellationToken).Symbol, local))
            {
                continue;
            }

            if (identifier.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "DisposeAsync" or "Close" } access && access.Expression == identifier)
            {
                return true;
            }

            if (identifier.Ancestors().TakeWhile(a => a != function).Any(static a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            {
                return true;
            }

            var use = RuleSyntax.ClassifyUse(identifier);
            if (use is UseKind.Escape or UseKind.Write || identifier.Parent is UsingStatementSyntax or ConditionalAccessExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }
}
