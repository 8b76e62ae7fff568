using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dce.Platform.Contracts.DceApi;

namespace Dce.Testing.Contract;

/// <summary>
/// One of DCE's published APIs, read from the swagger copy a module embeds (e.g.
/// <c>modules/Dce.ContainerManagement/Apis/Contract/kpanda.swagger.json</c>), served under <see cref="Root"/>.
/// </summary>
public sealed class DceOperations
{
    /// <param name="swaggerFile">The swagger document's path relative to the repository root.</param>
    /// <param name="root">The prefix of the API's paths, e.g. <c>/apis/kpanda.io/v1alpha1</c>.</param>
    public DceOperations(string swaggerFile, string root)
    {
        Root = root;
        var file = Path.Combine(RepositoryRoot.Path, swaggerFile);
        Document = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        using (var stream = File.OpenRead(file))
        {
            Contract = new DceContract(stream);
        }

        var operations = new List<DceOperation>();
        foreach (var (path, methods) in Document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in methods!.AsObject())
            {
                var pattern = "^" + string.Concat(Regex.Split(path, @"(\{[^}]+\})").Select(part =>
                    part.StartsWith('{') ? "[^/]+" : Regex.Escape(part))) + "$";
                operations.Add(new DceOperation(method.ToUpperInvariant(), path, operation?["operationId"]?.ToString() ?? "",
                    operation?["responses"]?["200"]?["schema"] as JsonObject, new Regex(pattern, RegexOptions.CultureInvariant)));
            }
        }

        All = operations;
    }

    public string Root { get; }

    public JsonObject Document { get; }

    /// <summary>The same document as the module reads it, for resolving <c>$ref</c>s.</summary>
    public DceContract Contract { get; }

    public IReadOnlyList<DceOperation> All { get; }

    /// <summary>The most specific DCE operation a concrete call reaches, or null.</summary>
    public DceOperation? Match(string method, string path)
    {
        var bare = path.Split('?')[0];
        return All.Where(o => o.Method == method && o.Matcher.IsMatch(bare)).MaxBy(o => o.Specificity);
    }
}
