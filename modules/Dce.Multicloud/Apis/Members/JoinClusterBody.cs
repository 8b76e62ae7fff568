using System.Text.Json.Nodes;

namespace Dce.Multicloud.Apis.Members;

/// <summary>DCE's body for joining or updating a member: <c>{"cluster": {"metadata": {"labels": …}, "spec": {"taints": […], "zones": […]}}}</c>.</summary>
internal sealed record JoinClusterBody(JsonObject? Cluster);
