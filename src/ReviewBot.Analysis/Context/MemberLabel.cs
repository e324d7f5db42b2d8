using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.Analysis.Context;

/// <summary>
/// Names a member or type the way a reader would look for it: <c>method StockService.ReserveAsync(string, int)</c>,
/// <c>constructor StockService(HttpClient)</c>, <c>property Order.Total</c>, <c>class Outer.Inner</c>. Built from
/// syntax alone, so it works for files that do not fully compile.
/// </summary>
internal static class MemberLabel
{
    public static string For(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => $"method {Owner(m)}.{m.Identifier.ValueText}{TypeParameters(m.TypeParameterList)}({Parameters(m.ParameterList)})",
        ConstructorDeclarationSyntax c => $"constructor {Owner(c)}({Parameters(c.ParameterList)})",
        DestructorDeclarationSyntax d => $"finalizer {Owner(d)}.~{d.Identifier.ValueText}()",
        PropertyDeclarationSyntax p => $"property {Owner(p)}.{p.Identifier.ValueText}",
        IndexerDeclarationSyntax i => $"indexer {Owner(i)}.this[{Parameters(i.ParameterList)}]",
        EventDeclarationSyntax e => $"event {Owner(e)}.{e.Identifier.ValueText}",
        OperatorDeclarationSyntax o => $"operator {Owner(o)}.operator {o.OperatorToken.Text}({Parameters(o.ParameterList)})",
        ConversionOperatorDeclarationSyntax c => $"operator {Owner(c)}.{c.ImplicitOrExplicitKeyword.Text} operator {Normalize(c.Type.ToString())}",
        BaseTypeDeclarationSyntax t => $"{Keyword(t)} {TypeName(t)}",
        _ => node.Kind().ToString(),
    };

    private static string Owner(SyntaxNode member) =>
        member.Parent is BaseTypeDeclarationSyntax type ? TypeName(type) : "";

    /// <summary><c>Outer.Inner&lt;T&gt;</c>: the type and the types that contain it.</summary>
    public static string TypeName(BaseTypeDeclarationSyntax type)
    {
        var names = type.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>()
            .Select(static t => t.Identifier.ValueText + (t is TypeDeclarationSyntax { TypeParameterList: { } list } ? TypeParameters(list) : ""))
            .Reverse();
        return string.Join('.', names);
    }

    private static string Keyword(BaseTypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax r => r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        EnumDeclarationSyntax => "enum",
        _ => "class",
    };

    private static string TypeParameters(TypeParameterListSyntax? list) =>
        list is null ? "" : $"<{string.Join(", ", list.Parameters.Select(static p => p.Identifier.ValueText))}>";

    private static string Parameters(BaseParameterListSyntax list) =>
        string.Join(", ", list.Parameters.Select(static p =>
            string.Join(' ', p.Modifiers.Where(static m => !m.IsKind(SyntaxKind.ThisKeyword)).Select(static m => m.Text).Append(Normalize(p.Type?.ToString() ?? "?")))));

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
