using System.Text.Json.Serialization;

namespace Dce.Multicloud.Engine.Model;

/// <summary>What propagation does when a member already has an object of the template's name that Karmada does not manage.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConflictResolution>))]
public enum ConflictResolution
{
    /// <summary>Leave the member's object alone and report the Work not applied (Karmada's default).</summary>
    Abort,

    /// <summary>Take the member's object over: it becomes the propagated copy (how a workload is promoted without downtime).</summary>
    Overwrite,
}
