using System.Globalization;
using Dce.Kubernetes.Selectors;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>The query parameters Kubernetes clients send, read once.</summary>
public sealed class RequestQuery(IQueryCollection query)
{
    public string? this[string name] => query.TryGetValue(name, out var v) ? v.ToString() : null;

    public bool Watch => this["watch"] is "true" or "1";
    /// <summary>Every value a repeated parameter carries (<c>dryRun=All&amp;dryRun=All</c>).</summary>
    public IReadOnlyList<string> All(string name) => query.TryGetValue(name, out var v) ? v.Select(s => s ?? "").ToArray() : [];

    public bool DryRun => All("dryRun") is { Count: > 0 } values && values.All(v => v == "All");
    public bool StrictFields => this["fieldValidation"] == "Strict";
    public string? ResourceVersion => this["resourceVersion"];
    public LabelSelector Labels => Selector(LabelSelector.Parse, "labelSelector", term => $"unable to parse requirement: invalid label selector term \"{term}\"");
    public FieldSelector Fields => Selector(FieldSelector.Parse, "fieldSelector", term => $"invalid field selector: '{term}'");
    public bool AllowBookmarks => this["allowWatchBookmarks"] is "true" or "1";
    public bool SendInitialEvents => this["sendInitialEvents"] is "true";

    public int Limit => int.TryParse(this["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 0;

    public int? Int(string name) => int.TryParse(this[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private T Selector<T>(Func<string?, T> parse, string name, Func<string, string> problem)
    {
        try
        {
            return parse(this[name]);
        }
        catch (SelectorFormatException error)
        {
            throw ApiException.BadRequest(problem(error.Term));
        }
    }
}
