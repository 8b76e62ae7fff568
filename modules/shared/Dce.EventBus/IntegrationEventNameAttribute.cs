namespace Dce.EventBus;

/// <summary>
/// Gives an integration event its stable name, used as routing key and message type.
/// Renaming or moving the record keeps its name, so publishers and consumers stay compatible.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntegrationEventNameAttribute(string name) : Attribute
{
    /// <summary>The stable name, e.g. <c>container-management.cluster-registered</c>.</summary>
    public string Name { get; } = name;
}
