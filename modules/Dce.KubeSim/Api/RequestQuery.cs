using System.Globalization;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>The query parameters Kubernetes clients send, read once.</summary>
public sealed class RequestQuery(IQueryCollection query)
{
    public string? this[string name] => query.TryGetValue(name, out var v) ? v.ToString() : null;

    public bool Watch => this["watch"] is "true" or "1";
    public bool DryRun => this["dryRun"] == "All";
    public bool StrictFields => this["fieldValidation"] == "Strict";
    public string? ResourceVersion => this["resourceVersion"];
    public LabelSelector Labels => LabelSelector.Parse(this["labelSelector"]);
    public FieldSelector Fields => FieldSelector.Parse(this["fieldSelector"]);
    public bool AllowBookmarks => this["allowWatchBookmarks"] is "true" or "1";
    public bool SendInitialEvents => this["sendInitialEvents"] is "true";

    public int Limit => int.TryParse(this["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 0;

    public int? Int(string name) => int.TryParse(this[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public WriteOptions WriteOptions => new(DryRun, StrictFields);
}
