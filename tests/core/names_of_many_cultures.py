"""Given names (and some family names) from many cultures, for tests that prove no name is cut by title removal.

Chosen to include every name that begins like a title or degree (Irina, Ingo, Iris, Magnus, Drew, Frauke, Inga,
Dragan, Profirio, Herrmann, Mxolisi, Hrvoje, Mae ...) and short family names that are also degrees (Ma, Ba, Meng,
Beng, Do, Md).
"""

from __future__ import annotations

_GIVEN_TEXT = """
Irina Ingo Iris Magnus Drew Frauke Inga Ingeborg Ingrid Inge Ingolf Ingvar Ingemar Ingunn Ingmar Irmgard Irene Irena
Irfan Irmak Drago Dragan Dražen Drahomíra Dries Drummond Dragoș Magda Magdalena Maggie Magnhild Magali Maggy Mahmoud
Profirio Prosper Prokop Herrmann Herbert Hera Fraser Franziska Fredrik Frida Msizi Mxolisi Mrinal Mrunal Hrvoje Hrafn
Sirin Siri Sirkka Damla Damien Dame Licia Lichelle Docia Bao Mae Ma Meng Beng Mas Edd Cima Mim Inzamam Esra Esme Jrue
Phil Philipp Philippa Medina Medea Medard Mehmet Ralf Ranja Wiebke Wilhelm Wolfgang Ute Uwe Jürgen Jörg Günther Björn
Sören Jens Hauke Heike Silke Anke Elke Dörte Gesine Ottilie Theresia Kreszenz Xaver Korbinian Vroni Sepp Resi Loisl
Ferdinand Leopold Maximilian Valentin Florian Stefanie Johanna Katharina Barbara Elisabeth Brigitte Gerlinde Hannelore
Urs Beat Reto Jürg Ueli Cla Gian Flurina Seraina Mirjam Ladina Fadri Corsin Annina Lorenz Beda Niklaus Verena Regula
Mehmet Ayşe Fatma Emine Hatice Zeynep Elif Şükrü Çağla Gökhan Öykü İsmail Ömer Yiğit Büşra Doğan Ilgın Tuğba Ercan
Hülya Serkan Kübra Berk Deniz Ece Kerem Arda Burak Emre Oğuz Selin Melis Cansu Barış Sıla Tolga Volkan Gül Nur
Małgorzata Krzysztof Wojciech Łukasz Grzegorz Agnieszka Żaneta Przemysław Jędrzej Bożena Władysław Ździsław Kasia
Mieczysław Szczepan Wiesława Halina Jadwiga Bartłomiej Stanisław Zbigniew Dorota Aleksandra Piotr Paweł Michał
Giuseppe Giovanni Francesca Chiara Giulia Alessandro Lorenzo Matteo Niccolò Ilaria Gianluca Pierluigi Annunziata
Concetta Carmela Salvatore Gennaro Raffaele Luca Elisa Beatrice Federica Gaia Dario Enzo Ornella Rocco Vincenzo Ludovica
José María Jesús Concepción Íñigo Nuria Begoña Ainhoa Iker Aitor Xabier Montserrat Jordi Núria Pilar Rocío Dolores
Guadalupe Alejandro Sofía Lucía Mateo Santiago Ximena Catalina Agustín Valentina Joaquín Inmaculada Macarena Álvaro
Jean-Luc Marie-Claire Anaïs Gaëlle Hélène Zoë Noël Loïc Françoise Thérèse Amélie Benoît Cécile Élodie Géraldine
Maëlys Océane Aurélien Grégoire Jérôme Clémence Mathilde Solène Baptiste Yannick Ghislaine Hervé Séverine Josiane
Åsa Åke Øystein Ørjan Ægir Bjørn Kjersti Solveig Ragnhild Sigrid Torstein Eirik Håkon Liv Siv Synnøve Jørgen Mette
Pernille Søren Astrid Dagny Gunnhild Ylva Linnea Ebba Elsa Alva Saga Tove Sixten Viggo Signe Jóhanna Guðrún Sigurður
Þórunn Ólafur Aðalsteinn Hekla Katla Sólveig Eero Aino Jussi Päivi Sanna Ilkka Tuula Pirkko Kalevi Väinö Ilmari Aune
Aarav Vihaan Aditya Arjun Ishaan Saanvi Ananya Diya Aadhya Priya Lakshmi Venkatesh Subramanian Srinivas Rajesh Sunita
Kavya Deepika Harpreet Gurpreet Manpreet Jaswinder Sukhwinder Baljit Amrit Anil Sanjay Pooja Neha Rahul Vikram Meera
Shreya Karthik Aishwarya Nandini Bhavna Chandrika Dhruv Gauri Hemant Ishita Jyoti Kiran Lalit Madhuri Nikhil Omkar
Wei Fang Jing Li Min Hui Xiaoming Xiu Ying Zhiwei Jianguo Yanling Qiang Hao Lei Jun Yan Chen Tao Bo Na Yi Xin Zhen
Haruto Yuto Sota Yui Hina Aoi Sakura Ren Kaito Riku Haruka Misaki Takeshi Hiroshi Kenji Yoshiko Akira Emiko Shinji
Min-jun Seo-yeon Ji-ho Ha-eun Do-yun Seo-jun Ji-woo Soo-ah Jae-won Eun-ji Hyun-woo Ye-jin Dong-hyun Minseo Jiwoo
Thi Minh Khai Nguyễn Thị Huong Duc Anh Quang Linh Phuong Trang Tuan Dung Hoa Thanh Hai Lan Mai Hung Nam Son Ngoc
Muhammad Ahmed Fatima Aisha Omar Ali Hassan Hussein Layla Nour Yousef Khalid Abdullah Abdul-Rahman Al-Hassan Zainab
Mariam Ibrahim Mustafa Salma Rania Karim Samir Tariq Walid Hamza Bilal Amira Yasmin Farid Jamal Nadia Rashid Soraya
Chukwuemeka Ngozi Oluwaseun Adebayo Folake Chidinma Emeka Tunde Yetunde Kwame Kofi Akosua Abena Ama Yaw Esi Kwabena
Thandiwe Sipho Themba Nomvula Lindiwe Bongani Zanele Ayodele Amara Zuri Wanjiru Njeri Kamau Otieno Achieng Wambui
Tendai Tafadzwa Chipo Farai Nyasha Kagiso Lerato Mpho Thabo Naledi Aminata Moussa Fatoumata Mamadou Ousmane Awa
Ivan Dmitri Olga Svetlana Tatiana Yekaterina Anastasia Nikolai Sergei Vladimir Ludmila Natalia Oksana Bohdan Taras
Milica Nikola Jelena Dragana Zoran Snežana Goran Bojana Stjepan Ivana Marija Tomislav Vesna Željko Mirela Ana
Ioana Andrei Mihai Elena Cristina Bogdan Răzvan Ștefan Alexandru Gheorghe Adriana Petra Jiří Tereza Radek Zdeňka
Lenka Vojtěch Ondřej Přemysl Jarmila Miroslav Dušan Zuzana Marek Ľubomír Katarína Gábor Zsófia Ágnes László Erzsébet
Györgyi Ildikó Tünde Zsolt Csaba Dorottya Levente Bence Szilvia Réka Nóra Kristóf Máté Andrzej Ryszard Dariusz
Kaʻahumanu Keanu Leilani Kalani Māui Aroha Wiremu Mere Tane Ngaio Siaosi Sione Mele Losana Epeli Tevita Salote
Sean Siobhán Niamh Aoife Caoimhe Pádraig Seán Eoin Oisín Ciarán Róisín Gráinne Tadhg Aisling Dervla Fionnuala Maeve
Rhys Gwen Dafydd Angharad Bryn Cerys Ffion Iolo Llinos Morgan Owain Seren Tegan Eilidh Hamish Iain Morag Ailsa Isla
Ruaridh Alasdair Catriona Fiona Lachlan Kirsty Callum Mhairi Euan Skye Gordon Duncan Moira Kenneth Malcolm
"""

_FAMILY_TEXT = """Ma, Ba, Meng, Beng, Do, Le, Ng, Li, Wu, Xu, Md, Mas, Herr, Frau, Doktor, Ingenieur, Professor, Dragan,
Irina, Magnus, Sir, Dame, Mr, Mrs, Müller, O'Brien, N'Diaye, D'Angelo, van der Berg, de la Cruz, Al-Farsi,
Ó Súilleabháin, Nguyễn Thị, Yılmaz, Kowalczyk, Øverland, Mae, Meng-Li"""

GIVEN_NAMES: tuple[str, ...] = tuple(dict.fromkeys(_GIVEN_TEXT.split()))
FAMILY_NAMES: tuple[str, ...] = tuple(dict.fromkeys(" ".join(n.split()) for n in _FAMILY_TEXT.split(",")))
