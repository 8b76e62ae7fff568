using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Apply;

/// <summary>
/// How kube-apiserver eases the move from client-side to server-side apply for the manager <c>kubectl</c>: fields
/// the <c>kubectl.kubernetes.io/last-applied-configuration</c> annotation names are no conflict, and an apply keeps
/// the annotation in step with what it applied.
/// </summary>
public static class LastAppliedConfiguration
{
    public const string Annotation = "kubectl.kubernetes.io/last-applied-configuration";
    public const string KubectlManager = "kubectl";

    /// <summary>The fields the live object's annotation names, when <paramref name="manager"/> is kubectl and it has one.</summary>
    public static FieldSet? AllowedConflicts(JsonObject? live, string manager, Type? model, FieldScope scope)
    {
        if (manager != KubectlManager || live?["metadata"]?["annotations"].Str(Annotation) is not { Length: > 0 } text)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text) is JsonObject applied ? FieldWalker.Owned(applied, model, scope) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Rewrites the annotation, when the object has one, to the configuration kubectl applied.</summary>
    public static void Sync(JsonObject merged, JsonObject config, string manager)
    {
        if (manager != KubectlManager || merged["metadata"]?["annotations"] is not JsonObject annotations || !annotations.ContainsKey(Annotation))
        {
            return;
        }
        var applied = config.DeepClone().AsObject();
        if (applied["metadata"]?["annotations"] is JsonObject own)
        {
            own.Remove(Annotation);
            if (own.Count == 0)
            {
                applied.Metadata().Remove("annotations");
            }
        }
        annotations[Annotation] = applied.ToJsonString() + "\n";
    }
}
