using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract;

/// <summary>DCE's published kpanda API, read from the copy the module embeds.</summary>
public static class KpandaContract
{
    public const string Root = "/apis/kpanda.io/v1alpha1";

    private static readonly Lazy<DceOperations> Loaded =
        new(() => new DceOperations("modules/Dce.ContainerManagement/Apis/Contract/kpanda.swagger.json", Root));

    public static DceOperations Operations => Loaded.Value;
}
