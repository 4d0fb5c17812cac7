package dev.kubewizard.ui;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The desktop window. Until the wizard pages exist it shows a start page. */
public final class DesktopApp extends Application {
    public static void launchApp(String[] args) {
        Application.launch(DesktopApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Label title = new Label("kubewizard");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label subtitle = new Label("Kubernetes 高可用集群安装向导 / Kubernetes HA cluster installer");
        VBox root = new VBox(12, title, subtitle);
        root.setAlignment(Pos.CENTER);
        root.setPadding(new Insets(32));
        stage.setTitle("kubewizard");
        stage.setScene(new Scene(root, 900, 600));
        stage.show();
    }
}
