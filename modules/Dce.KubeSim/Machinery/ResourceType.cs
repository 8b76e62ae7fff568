namespace Dce.KubeSim.Machinery;

/// <summary>One served resource: where it lives in the API, how it is named and what it supports.</summary>
public sealed record ResourceType
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    public required string Plural { get; init; }
    public required string Kind { get; init; }
    public bool Namespaced { get; init; } = true;
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public bool HasStatus { get; init; }
    public bool HasScale { get; init; }
    public bool HasLog { get; init; }
    public bool ReadOnly { get; init; }
    /// <summary>The KubernetesClient model used for schema checks and OpenAPI; null for custom resources.</summary>
    public Type? ModelType { get; init; }
    public bool IsCustom => ModelType is null;
    /// <summary>The openAPIV3Schema of a custom resource version, served in the OpenAPI document.</summary>
    public System.Text.Json.Nodes.JsonObject? CustomSchema { get; init; }
    /// <summary>The additionalPrinterColumns of a custom resource version: the columns of its table after NAME.</summary>
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];
    /// <summary>Set on a served version that is not the storage version: how its objects convert to and from storage.</summary>
    public Versions.IVersionConverter? Converter { get; init; }
    /// <summary>A create-only review resource answered at once, never stored (SubjectAccessReview, TokenReview).</summary>
    public bool Virtual { get; init; }

    public string Singular => Kind.ToLowerInvariant();
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    public string GroupVersion => ApiVersion;
    public string StorageKey => $"{Group}/{Plural}";
    public string ListKind => Kind + "List";

    public IReadOnlyList<string> Verbs => Virtual
        ? ["create"]
        : ReadOnly
        ? ["get", "list", "watch"]
        : ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
}
