using System.Collections.Frozen;
using ReviewBot.Analysis.Findings;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Analyzers;

/// <summary>
/// The analyzer rules ReviewBot reports, chosen for what reviewers care about (bugs, reliability, security,
/// performance), not style. Rules that ReviewBot's own rules already cover are left out so one problem gets one
/// comment: CS4014/MA0134 (RB0001), MA0155 (RB0002), CA1031/RCS1075 (RB0003), CA2245 (RB0004), MA0172 (RB0005),
/// RCS1202 (RB0007), CA2000 (RB0008), CA1309/CA1310/CA1862/MA0001/MA0074/RCS1155 (RB0011), RCS1200 (RB0016, which also fires where RCS1200 stays silent); so are duplicates
/// across packages (RCS1210 = MA0022, RCS1229 = MA0100, RCS1044 = CA2200, MA0040 = CA2016, MA0060 = CA2022).
/// Tried and left out as too noisy on real changes: MA0042 and CA1849 (flag MemoryStream and TextWriter calls; RB0017
/// covers the blocking waits that matter), CA2025 (fires when the task is awaited later), MA0009 (every regex
/// without a timeout), RCS1163 (unused parameters of interface implementations it cannot see).
/// </summary>
internal static class AnalyzerCatalog
{
    public static FrozenDictionary<string, CatalogEntry> Entries { get; } = new CatalogEntry[]
    {
        // Microsoft.CodeAnalysis.NetAnalyzers (MIT): reliability and usage.
        new("CA1806", FindingKind.Bug, 0.7, "Use the result: methods like this return a new value instead of changing the receiver, so calling them for nothing is almost always a mistake."),
        new("CA2002", FindingKind.Bug, 0.65, "Lock on a private readonly object instead; other code can lock on the same weak-identity object and deadlock."),
        new("CA2011", FindingKind.Bug, 0.9, "This recurses until the stack overflows; assign or return the backing field instead."),
        new("CA2012", FindingKind.Bug, 0.75, "Await a ValueTask exactly once and directly; don't store it, await it twice or block on it."),
        new("CA2013", FindingKind.Bug, 0.85, "ReferenceEquals boxes value types, so it is always false; use == or Equals."),
        new("CA2014", FindingKind.Bug, 0.7, "Move the stackalloc out of the loop: stack space is only released when the method returns."),
        new("CA2016", FindingKind.Maintainability, 0.5, "Pass the method's CancellationToken on so the call can be cancelled."),
        new("CA2017", FindingKind.Bug, 0.85, "Make the placeholders of the message template match the arguments passed."),
        new("CA2018", FindingKind.Bug, 0.8, "Buffer.BlockCopy counts bytes, not elements; multiply by the element size."),
        new("CA2021", FindingKind.Bug, 0.85, "The element types are incompatible: Cast<T> will throw InvalidCastException and OfType<T> will yield nothing."),
        new("CA2022", FindingKind.Bug, 0.75, "Read may return fewer bytes than requested; loop until done or use ReadExactly/ReadAtLeast."),
        new("CA2023", FindingKind.Bug, 0.8, "Fix the braces of the message template; as written the placeholders are not recognised."),
        new("CA2024", FindingKind.Bug, 0.6, "EndOfStream can block inside an async method; read with ReadLineAsync until it returns null."),
        new("CA2200", FindingKind.Bug, 0.75, "Use `throw;` to rethrow; `throw ex;` resets the stack trace and hides where the error came from."),
        new("CA2208", FindingKind.Maintainability, 0.55, "Pass the parameter's name (nameof) as paramName and a human message as message, in that order."),
        new("CA2241", FindingKind.Bug, 0.85, "The format string and its arguments do not match; this throws FormatException at run time."),
        new("CA2242", FindingKind.Bug, 0.9, "Nothing equals NaN, not even NaN; use double.IsNaN(x) / float.IsNaN(x)."),
        new("CA2246", FindingKind.Bug, 0.7, "Split the statement: assigning an object and one of its members together assigns the member of the old object."),
        new("CA2248", FindingKind.Bug, 0.8, "Pass a value of the same enum type to HasFlag; a different enum type throws ArgumentException."),
        new("CA2253", FindingKind.Maintainability, 0.45, "Use descriptive names for the placeholders; they become property names of the structured log entry."),
        new("CA2254", FindingKind.Maintainability, 0.5, "Use a constant message template with named placeholders so logs stay structured and the template is not re-parsed on every call."),
        new("CA2259", FindingKind.Bug, 0.8, "[ThreadStatic] does nothing on an instance field; make the field static or remove the attribute."),
        new("CA2261", FindingKind.Bug, 0.8, "SuppressThrowing on a Task<TResult> may leave the result unset; await the task normally or ignore the result explicitly."),
        new("CA2264", FindingKind.Bug, 0.6, "The argument can never be null here, so the check does nothing; check the value that can be null."),
        new("CA2265", FindingKind.Bug, 0.8, "A span compared to null or default compares its reference, not its contents; check IsEmpty instead."),
        new("CA1069", FindingKind.Bug, 0.55, "Two members share a value; give each its own value unless one is meant as an alias."),
        new("CA1001", FindingKind.Maintainability, 0.5, "Implement IDisposable and dispose the field, or its resources live until the finalizer runs.", FindingScope.WholeType),
        new("CA2213", FindingKind.Bug, 0.5, "Dispose the field in the type's Dispose method.", FindingScope.WholeType),
        new("CA2215", FindingKind.Bug, 0.55, "Call base.Dispose(disposing) so the base type releases its resources too.", FindingScope.WholeType),

        // NetAnalyzers: performance.
        new("CA1821", FindingKind.Performance, 0.55, "Remove the empty finalizer: it costs every instance a trip through the finalizer queue."),
        new("CA1827", FindingKind.Performance, 0.5, "Use Any(): it stops at the first element instead of counting them all."),
        new("CA1829", FindingKind.Performance, 0.45, "Use the Length/Count property: Count() may enumerate the whole sequence."),
        new("CA1854", FindingKind.Performance, 0.45, "Use TryGetValue to look the key up once instead of twice."),
        new("CA1858", FindingKind.Performance, 0.4, "Use StartsWith: IndexOf keeps searching the whole string when it doesn't start with the value."),
        new("CA1864", FindingKind.Performance, 0.4, "Use TryAdd to look the key up once instead of twice."),
        new("CA1868", FindingKind.Performance, 0.4, "Drop the Contains check: Add/Remove already report whether they changed the set."),
        new("CA1869", FindingKind.Performance, 0.6, "Create the JsonSerializerOptions once (a static readonly field) and reuse it; each new instance rebuilds the serializer's metadata cache."),
        new("CA2009", FindingKind.Performance, 0.5, "The value is already immutable; the call only copies it."),

        // NetAnalyzers: security.
        new("CA2100", FindingKind.Security, 0.65, "Pass values as command parameters instead of building the SQL text from them (SQL injection)."),
        new("CA2300", FindingKind.Security, 0.85, "BinaryFormatter can run attacker-chosen code while deserializing; use System.Text.Json or another safe serializer."),
        new("CA2326", FindingKind.Security, 0.8, "TypeNameHandling other than None lets the payload choose which types get instantiated; use None or a strict SerializationBinder."),
        new("CA3075", FindingKind.Security, 0.7, "Prohibit DTD processing and set XmlResolver to null, or the parser can be made to read local files (XXE)."),
        new("CA3077", FindingKind.Security, 0.6, "Set XmlResolver to null (or a secure resolver) so external entities are not resolved (XXE)."),
        new("CA5350", FindingKind.Security, 0.65, "This algorithm is weak; use SHA-256 or stronger for hashing and AES for encryption."),
        new("CA5351", FindingKind.Security, 0.75, "This algorithm is broken; use SHA-256 or stronger for hashing and AES for encryption."),
        new("CA5359", FindingKind.Security, 0.9, "Accepting every certificate allows man-in-the-middle attacks; validate the certificate chain (or pin the expected certificate)."),
        new("CA5360", FindingKind.Security, 0.7, "Don't call dangerous methods while deserializing; the payload decides what they act on."),
        new("CA5364", FindingKind.Security, 0.75, "Don't pin SSL/TLS 1.0/1.1; leave the protocol to the operating system (SystemDefault / SslProtocols.None)."),
        new("CA5379", FindingKind.Security, 0.7, "Use SHA-256 or stronger as the key derivation's hash algorithm."),
        new("CA5380", FindingKind.Security, 0.7, "Adding certificates to the root store makes the machine trust whatever they sign; don't do it from application code."),
        new("CA5381", FindingKind.Security, 0.65, "Adding certificates to the root store makes the machine trust whatever they sign; don't do it from application code."),
        new("CA5384", FindingKind.Security, 0.6, "DSA is weak; use RSA with at least 2048 bits or ECDSA."),
        new("CA5385", FindingKind.Security, 0.7, "Use an RSA key of at least 2048 bits."),
        new("CA5386", FindingKind.Security, 0.5, "Don't hard-code the protocol version; let the operating system choose so it can move to newer versions."),
        new("CA5389", FindingKind.Security, 0.75, "An archive entry's name may contain ../ (Zip Slip); check that the full destination path stays inside the target folder."),
        new("CA5390", FindingKind.Security, 0.75, "Load the key from a secret store or configuration, not from source code."),
        new("CA5397", FindingKind.Security, 0.7, "Don't use deprecated SSL/TLS versions; leave the protocol to the operating system."),
        new("CA5403", FindingKind.Security, 0.65, "Load the certificate from a store or a protected file, not from source code."),
        new("CA5404", FindingKind.Security, 0.85, "Turning off token validation lets anyone forge tokens; keep issuer, audience, lifetime and signature validation on."),

        // Meziantou.Analyzer (MIT).
        new("MA0015", FindingKind.Maintainability, 0.5, "Pass the name of an actual parameter (nameof) so the exception points at the right argument."),
        new("MA0022", FindingKind.Bug, 0.85, "Awaiting a null task throws NullReferenceException; return Task.FromResult(...) or Task.CompletedTask instead of null."),
        new("MA0039", FindingKind.Security, 0.75, "A hand-written certificate check is easy to get wrong; use the platform's validation (and pin the certificate if needed)."),
        new("MA0056", FindingKind.Bug, 0.5, "A derived type's override runs before its constructor has; avoid calling overridable members from a constructor."),
        new("MA0065", FindingKind.Performance, 0.5, "The default struct Equals/GetHashCode use reflection and can be slow; implement IEquatable<T> and GetHashCode."),
        new("MA0086", FindingKind.Bug, 0.7, "An exception thrown from a finalizer terminates the process; don't throw there."),
        new("MA0091", FindingKind.Maintainability, 0.45, "Pass this as the sender of an instance event."),
        new("MA0099", FindingKind.Bug, 0.5, "Use the enum member's name instead of 0 so the intent survives changes to the enum."),
        new("MA0100", FindingKind.Bug, 0.8, "The resource is disposed as soon as the method returns, while the returned task may still use it; make the method async and await the task inside the using."),
        new("MA0129", FindingKind.Bug, 0.8, "The task is not awaited inside the using, so the resource may be disposed while it is still in use; await it."),
        new("MA0132", FindingKind.Bug, 0.55, "The implicit conversion uses the machine's time zone for the offset; construct the DateTimeOffset explicitly."),
        new("MA0147", FindingKind.Bug, 0.8, "An async lambda passed as an Action is async void: nobody awaits it and its exceptions crash the process. Use an overload that takes Func<Task>, or don't make it async."),
        new("MA0163", FindingKind.Bug, 0.85, "Redirecting standard streams requires UseShellExecute = false, otherwise Process.Start throws."),
        new("MA0169", FindingKind.Bug, 0.6, "The type overrides Equals but not ==, so == compares references; call Equals."),
        new("MA0195", FindingKind.Bug, 0.8, "This static field is read before it is initialized (static initializers run in declaration order); reorder the declarations."),

        // Roslynator.Analyzers (Apache-2.0).
        new("RCS1059", FindingKind.Bug, 0.6, "Lock on a private readonly object; a publicly reachable instance can be locked by other code too and deadlock."),
        new("RCS1079", FindingKind.Maintainability, 0.5, "This still throws NotImplementedException; implement it before merging, or throw NotSupportedException with a reason if it is deliberate."),
        new("RCS1130", FindingKind.Bug, 0.6, "The enum has no [Flags], so its values are not meant to be combined; add [Flags] with power-of-two values, or compare instead."),
        new("RCS1165", FindingKind.Bug, 0.45, "For a value-type argument the null check is always false; constrain the type parameter or use EqualityComparer<T>.Default."),
        new("RCS1166", FindingKind.Bug, 0.65, "A value type is never null, so this check is always the same; compare with default or use a nullable type."),
        new("RCS1193", FindingKind.Bug, 0.5, "Keep the params modifier of the base member, or callers see different signatures through the base and derived types."),
        new("RCS1212", FindingKind.Maintainability, 0.5, "The assigned value is never read; remove the assignment or use the value."),
        new("RCS1213", FindingKind.Maintainability, 0.5, "Remove the unused member, or use it if something was meant to call it.", FindingScope.WholeType),
        new("RCS1215", FindingKind.Bug, 0.75, "The condition is always the same, so one branch is dead; check the comparison."),
        new("RCS1227", FindingKind.Bug, 0.55, "In an iterator or async method the argument check only runs when enumeration or the task starts; validate in a non-async wrapper method."),
        new("RCS1233", FindingKind.Bug, 0.5, "`&`/`|` evaluate both sides; use `&&`/`||` unless the right side must run for its side effects."),
        new("RCS1242", FindingKind.Performance, 0.45, "Passing a non-readonly struct by `in` makes a defensive copy on every member call; pass it by value or make the struct readonly."),
        new("RCS1256", FindingKind.Maintainability, 0.45, "The parameter is declared nullable, yet null is rejected; declare it non-nullable, or handle null instead of throwing."),
        new("RCS1258", FindingKind.Maintainability, 0.4, "The flag is already included in another flag of the expression; remove it."),
    }.ToFrozenDictionary(static e => e.Id, StringComparer.Ordinal);
}
