using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dce.Testing;

namespace Dce.ContainerManagement.Tests.Contract;

/// <summary>One operation DCE 5.0 publishes for kpanda: method, path template and the schema of its 200 answer.</summary>
public sealed record DceOperation(string Method, string Path, string OperationId, JsonObject? Response, Regex Matcher)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>Literal characters in the path: the more, the more specific (<c>configmaps/{name}/json</c> over <c>{kind}/{name}/json</c>).</summary>
    public int Specificity => Regex.Replace(Path, @"\{[^}]+\}", "").Length;
}

/// <summary>DCE's published kpanda API, read from the copy the module embeds (<c>Apis/Contract/kpanda.swagger.json</c>).</summary>
public static class DceOperations
{
    public const string Root = "/apis/kpanda.io/v1alpha1";

    private static readonly Lazy<(JsonObject Document, IReadOnlyList<DceOperation> All)> Loaded = new(Load);

    public static JsonObject Document => Loaded.Value.Document;

    public static IReadOnlyList<DceOperation> All => Loaded.Value.All;

    /// <summary>The most specific DCE operation a concrete call reaches, or null.</summary>
    public static DceOperation? Match(string method, string path)
    {
        var bare = path.Split('?')[0];
        return All.Where(o => o.Method == method && o.Matcher.IsMatch(bare)).MaxBy(o => o.Specificity);
    }

    private static (JsonObject, IReadOnlyList<DceOperation>) Load()
    {
        var file = System.IO.Path.Combine(RepositoryRoot.Path, "modules", "Dce.ContainerManagement", "Apis", "Contract", "kpanda.swagger.json");
        var document = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var operations = new List<DceOperation>();
        foreach (var (path, methods) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in methods!.AsObject())
            {
                var pattern = "^" + string.Concat(Regex.Split(path, @"(\{[^}]+\})").Select(part =>
                    part.StartsWith('{') ? "[^/]+" : Regex.Escape(part))) + "$";
                operations.Add(new DceOperation(method.ToUpperInvariant(), path, operation?["operationId"]?.ToString() ?? "",
                    operation?["responses"]?["200"]?["schema"] as JsonObject, new Regex(pattern, RegexOptions.CultureInvariant)));
            }
        }

        return (document, operations);
    }
}
