using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery.Versions;

/// <summary>
/// Converts one resource between a served version and the version it is stored in, as the API server's
/// conversion functions do. Both directions take and return whole objects, apiVersion included.
/// </summary>
public interface IVersionConverter
{
    JsonObject ToStorage(JsonObject served);

    JsonObject ToServed(JsonObject stored);
}
