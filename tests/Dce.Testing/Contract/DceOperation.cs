using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dce.Testing.Contract;

/// <summary>One operation DCE 5.0 publishes: method, path template and the schema of its 200 answer.</summary>
public sealed record DceOperation(string Method, string Path, string OperationId, JsonObject? Response, Regex Matcher)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>Literal characters in the path: the more, the more specific (<c>configmaps/{name}/json</c> over <c>{kind}/{name}/json</c>).</summary>
    public int Specificity => Regex.Replace(Path, @"\{[^}]+\}", "").Length;
}
