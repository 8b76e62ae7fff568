using System.Text.Json.Nodes;

namespace Dce.Insight.Resources;

/// <summary>DCE's <c>ResourceNumSummary</c>: how many there are and how many of them are ready.</summary>
internal readonly record struct Counted(int Total, int Ready)
{
    public JsonObject ToJson() => new() { ["totalNum"] = Total, ["readyNum"] = Ready };
}
