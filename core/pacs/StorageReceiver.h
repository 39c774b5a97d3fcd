#pragma once

// Internal to core/pacs: our own storage SCP, the destination of a C-MOVE. It listens on a port with our
// AE title on a thread of its own, hands every received instance to a callback, and stops when asked.

#include <dcmtk/config/osconfig.h>  // first, as DCMTK requires

#include <dcmtk/dcmnet/scp.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

namespace cadview {

class StorageReceiver : public DcmSCP {
  public:
    // Returns the C-STORE status to answer with (0x0000 success); takes over the data set.
    using Sink = std::function<std::uint16_t(DcmDataset* dataset)>;

    StorageReceiver(std::string aeTitle, int port, int timeoutSeconds, Sink sink);
    ~StorageReceiver() override;

    // Opens the port (throws std::runtime_error naming it when it cannot, e.g. in use) and starts
    // accepting associations on a thread.
    void start();
    // Stops accepting and waits for the thread (at most about a second after the current association).
    void stop();

    // How many associations were accepted and how many C-STOREs were answered.
    int associations() const { return associations_.load(); }

  protected:
    OFCondition handleIncomingCommand(T_DIMSE_Message* incomingMsg,
                                      const DcmPresentationContextInfo& presInfo) override;
    void notifyAssociationAcknowledge() override;
    OFBool stopAfterConnectionTimeout() override;
    OFBool stopAfterCurrentAssociation() override;

  private:
    std::string aeTitle_;
    int port_;
    Sink sink_;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::atomic<int> associations_{0};
};

}  // namespace cadview
