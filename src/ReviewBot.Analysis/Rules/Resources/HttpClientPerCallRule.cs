using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Resources;

/// <summary>
/// RB0012: <c>new HttpClient()</c> inside an ordinary method. Each instance opens its own connections; created per
/// call, they exhaust sockets under load (and a disposed client leaves its sockets in TIME_WAIT). Constructors,
/// field initializers, <c>Main</c>, lambdas (factory registrations), test files and clients built with their own
/// handler (a deliberate, configured client, usually made once) are left alone.
/// </summary>
internal sealed class HttpClientPerCallRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0012", "HttpClient created per call", FindingKind.Performance, 0.55);

    public void Analyze(RuleContext context)
    {
        if (context.File.Path.Contains("test", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        foreach (var creation in context.Root.DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>())
        {
            if (creation.ArgumentList is { Arguments.Count: > 0 } ||
                RuleSyntax.EnclosingFunction(creation) is not MethodDeclarationSyntax method || method.Identifier.ValueText == "Main" ||
                creation.Ancestors().TakeWhile(a => a != method).Any(static a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) ||
                context.Model.GetTypeInfo(creation, context.CancellationToken).Type?.ToDisplayString() != "System.Net.Http.HttpClient")
            {
                continue;
            }

            context.Report(
                Info,
                creation,
                $"`{method.Identifier.ValueText}` creates a new HttpClient on every call; each opens its own connections, which exhausts sockets under load (disposed clients leave them in TIME_WAIT) and skips DNS refresh handling. Reuse one instance: inject it (IHttpClientFactory / a typed client) or keep a static one.");
        }
    }
}
