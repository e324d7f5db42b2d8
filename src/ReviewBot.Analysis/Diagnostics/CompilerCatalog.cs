using System.Collections.Frozen;
using ReviewBot.Analysis.Findings;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Diagnostics;

/// <summary>
/// The compiler diagnostics ReviewBot reports. Only the changed files are compiled, so every diagnostic that can come
/// from code ReviewBot does not see (CS0246 type not found, CS0103 name not found, CS1061 no such member, CS0115 no
/// method to override, conversions involving unknown types…) is left out; what remains depends on the enclosing
/// member alone. Syntax errors are reported separately, and only for files ReviewBot has whole. CS4014 and CS1717/CS1718
/// are covered by RB0001, RB0004 and RB0005.
/// </summary>
internal static class CompilerCatalog
{
    public static FrozenDictionary<string, CatalogEntry> Entries { get; } = new CatalogEntry[]
    {
        // Warnings.
        new("CS0162", FindingKind.Maintainability, 0.55, "Remove it, or fix the return/throw/condition above that makes it unreachable."),
        new("CS0168", FindingKind.Maintainability, 0.45, "Remove the variable, or use it if something was meant to be stored in it."),
        new("CS0219", FindingKind.Maintainability, 0.5, "Remove the assignment, or use the value if it was meant to be used."),
        new("CS0252", FindingKind.Bug, 0.75, "This compares references; cast both sides to the type whose == you mean (e.g. string) or call Equals."),
        new("CS0253", FindingKind.Bug, 0.75, "This compares references; cast both sides to the type whose == you mean (e.g. string) or call Equals."),
        new("CS0458", FindingKind.Bug, 0.7, "The expression is always null; check the operands."),
        new("CS0464", FindingKind.Bug, 0.7, "Comparing with null of a nullable value type is always false; compare with the value or check HasValue."),
        new("CS0472", FindingKind.Bug, 0.7, "A value type is never null, so this check is always the same; compare with a real value or make the type nullable."),
        new("CS0642", FindingKind.Bug, 0.85, "The `;` right after the condition is the whole body; remove it so the block below belongs to the statement."),
        new("CS0659", FindingKind.Bug, 0.65, "Override GetHashCode consistently with Equals, or instances misbehave as dictionary keys and in sets.", FindingScope.WholeType),
        new("CS0660", FindingKind.Bug, 0.6, "Override Equals consistently with ==, or collections and == will disagree.", FindingScope.WholeType),
        new("CS0661", FindingKind.Bug, 0.6, "Override GetHashCode consistently with ==/Equals.", FindingScope.WholeType),
        new("CS0665", FindingKind.Bug, 0.85, "This assigns instead of comparing; use `==`."),
        new("CS0675", FindingKind.Bug, 0.6, "The operand is sign-extended before the bitwise or; cast it to the unsigned type first."),
        new("CS0728", FindingKind.Bug, 0.7, "Reassigning the variable of a using/lock does not change what gets disposed/unlocked."),
        new("CS0108", FindingKind.Maintainability, 0.5, "Add `override` if the base member should be replaced, or `new` if hiding it is intended."),
        new("CS0114", FindingKind.Bug, 0.6, "Add `override` if this should replace the base member; as written, calls through the base type don't reach it."),
        new("CS0169", FindingKind.Maintainability, 0.45, "Remove the unused field.", FindingScope.WholeType),
        new("CS0414", FindingKind.Maintainability, 0.45, "The field is assigned but never read; remove it or use it.", FindingScope.WholeType),
        new("CS0649", FindingKind.Bug, 0.5, "The field is never assigned, so it always has its default value; assign it or remove it.", FindingScope.WholeType),
        new("CS0420", FindingKind.Bug, 0.5, "Passing a volatile field by reference loses its volatile semantics; use Volatile/Interlocked instead."),
        new("CS8073", FindingKind.Bug, 0.7, "A value type is never null, so this check is always the same."),
        new("CS8509", FindingKind.Bug, 0.6, "Unhandled values throw SwitchExpressionException at run time; add the missing cases or a discard arm."),
        new("CS8974", FindingKind.Bug, 0.75, "A method group is converted to object here; call the method (add parentheses)."),

        // Nullable warnings: only produced when the code uses nullable annotations.
        new("CS8600", FindingKind.Bug, 0.45, "Declare the target nullable or make sure the value can't be null."),
        new("CS8601", FindingKind.Bug, 0.45, "Check for null before assigning, or declare the target nullable."),
        new("CS8602", FindingKind.Bug, 0.6, "Check for null before dereferencing, or make sure the value can't be null here."),
        new("CS8603", FindingKind.Bug, 0.5, "Declare the return type nullable, or return a non-null value."),
        new("CS8604", FindingKind.Bug, 0.5, "Check for null before passing it, or make sure the value can't be null."),
        new("CS8629", FindingKind.Bug, 0.6, "Check HasValue (or use GetValueOrDefault) before reading Value."),

        // Errors that depend only on the member itself.
        new("CS0120", FindingKind.Bug, 0.6, "Use an instance (or make the member static)."),
        new("CS0126", FindingKind.Bug, 0.7, "Return a value of the method's return type."),
        new("CS0127", FindingKind.Bug, 0.7, "The method returns void; remove the value or change the return type."),
        new("CS0128", FindingKind.Bug, 0.7, "Rename one of the two variables."),
        new("CS0136", FindingKind.Bug, 0.7, "Rename one of the two variables."),
        new("CS0152", FindingKind.Bug, 0.75, "Remove or merge the duplicate case."),
        new("CS0161", FindingKind.Bug, 0.75, "Return (or throw) on every path."),
        new("CS0163", FindingKind.Bug, 0.75, "End the section with break, return, throw or goto case."),
        new("CS0165", FindingKind.Bug, 0.75, "Assign the variable on every path before reading it."),
        new("CS0177", FindingKind.Bug, 0.75, "Assign the out parameter on every path before returning."),
        new("CS0191", FindingKind.Bug, 0.7, "Readonly fields can only be assigned in a constructor or initializer."),
        new("CS0200", FindingKind.Bug, 0.7, "The property has no setter; assign its backing field or add an init/set accessor."),
        new("CS1612", FindingKind.Bug, 0.7, "The property returns a copy of the struct, so changing it changes nothing; assign a whole new value."),
        new("CS4032", FindingKind.Bug, 0.75, "Mark the method async (returning Task) to use await."),
        new("CS4033", FindingKind.Bug, 0.75, "Mark the method async (returning Task) to use await."),
        new("CS8120", FindingKind.Bug, 0.75, "An earlier case already handles every value this one matches; reorder or remove it."),
    }.ToFrozenDictionary(static e => e.Id, StringComparer.Ordinal);

    /// <summary>A syntax error in a file ReviewBot has whole: the file does not compile.</summary>
    public static CatalogEntry SyntaxError { get; } = new("CS1002", FindingKind.Bug, 0.7, "The file does not compile as written.");
}
