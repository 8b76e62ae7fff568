using Dce.Testing.Contract;

namespace Dce.Multicloud.Tests.Contract;

/// <summary>DCE's published kairship API, read from the copy the module embeds.</summary>
public static class KairshipContract
{
    public const string Root = MulticloudPlatform.Kairship;

    private static readonly Lazy<DceOperations> Loaded =
        new(() => new DceOperations("modules/Dce.Multicloud/Apis/Contract/kairship.swagger.json", Root));

    public static DceOperations Operations => Loaded.Value;
}
