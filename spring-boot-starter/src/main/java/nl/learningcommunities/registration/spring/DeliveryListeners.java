package nl.learningcommunities.registration.spring;

import java.util.List;

import nl.learningcommunities.registration.mail.DeliveryListener;
import nl.learningcommunities.registration.notification.Notification;

/** Several delivery listeners as one, told in order. Immutable; thread-safe. */
final class DeliveryListeners implements DeliveryListener {

    private final List<DeliveryListener> all;

    private DeliveryListeners(List<DeliveryListener> all) {
        this.all = List.copyOf(all);
    }

    static DeliveryListener of(List<DeliveryListener> all) {
        if (all.isEmpty()) {
            return DeliveryListener.none();
        }
        return all.size() == 1 ? all.get(0) : new DeliveryListeners(all);
    }

    @Override
    public void sent(Notification notification) {
        all.forEach(each -> each.sent(notification));
    }

    @Override
    public void retried(Notification notification, int attempts) {
        all.forEach(each -> each.retried(notification, attempts));
    }

    @Override
    public void failed(Notification notification, int attempts) {
        all.forEach(each -> each.failed(notification, attempts));
    }
}
