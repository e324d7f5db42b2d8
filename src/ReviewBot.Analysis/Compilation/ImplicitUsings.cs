using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ReviewBot.Analysis.Compilation;

/// <summary>
/// The global usings the .NET SDK adds to projects with <c>ImplicitUsings</c> enabled (the default for new projects).
/// Without them, a changed file that relies on them would not bind <c>Task</c> or <c>List&lt;T&gt;</c>, and the
/// semantic rules would see nothing. Projects without implicit usings lose nothing: a duplicate using is harmless.
/// </summary>
internal static class ImplicitUsings
{
    public const string Path = "ReviewBot.ImplicitUsings.g.cs";

    private const string Text = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public static SyntaxTree Create(CSharpParseOptions options) => CSharpSyntaxTree.ParseText(Text, options, Path);
}
